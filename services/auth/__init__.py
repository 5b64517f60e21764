"""Identity: credentials, sessions, refresh tokens, password recovery (local identity provider)."""
