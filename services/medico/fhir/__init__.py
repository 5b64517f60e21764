"""The FHIR R4 scheduling facade (``/api/fhir``): a translation of the public JSON API.

Hosted by the medico deployable (stateless, public, already a client of the other services),
it owns no data: ``recursos`` maps JSON answers to FHIR resources, ``fachada`` calls the JSON
routes through the service client with the caller's token, ``routes`` is HTTP.
"""
