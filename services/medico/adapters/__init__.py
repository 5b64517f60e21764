"""Adapters of the medico service: PostgreSQL, the auth service, the CRM validator."""
