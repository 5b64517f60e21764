"""Patients: profiles, CPF (encrypted at rest), registration with credentials in auth."""
