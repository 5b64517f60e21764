"""Adapters of the auth service: SQL, password hashing, signing keys, e-mail."""
