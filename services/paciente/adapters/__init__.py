"""Adapters of the paciente service: PostgreSQL, the auth service, the CPF validator."""
