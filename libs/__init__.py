"""Shared technical code every HealthMed service needs, and nothing else.

Settings, problem+json errors, JWT verification, database sessions and units of work,
service-to-service calls, logging and request ids, and test fixtures. No business rule
lives here: a rule belongs to the service that owns it.
"""
