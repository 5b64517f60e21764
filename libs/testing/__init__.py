"""Test fixtures shared by every service: the real embedded PostgreSQL, the whole stack
in process, and factories of valid data. Registered as a pytest plugin by ``conftest.py``."""
