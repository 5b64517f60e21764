"""Request and response bodies of the consulta service, one module per noun.

Times come in with an offset (a naive time is a 422) and go out in the doctor's time zone,
with its offset: ``2026-12-01T10:00:00-04:00`` for a doctor in Manaus is the same instant as
``2026-12-01T11:00:00-03:00`` for a patient in São Paulo.
"""
