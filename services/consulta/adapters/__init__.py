"""Adapters of the consulta service: SQL, the outbox runner, calls to the other services."""
