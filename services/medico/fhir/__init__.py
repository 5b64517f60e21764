"""The FHIR R4 scheduling facade (``/api/fhir``): a translation of the public JSON API.

Hosted by the medico deployable (stateless, public, already a client of the other services),
it owns no data. Layered as a service is: ``domain/`` is the pure translation (``recursos``
maps JSON answers to FHIR resources, ``pedidos`` reads what clients send, ``capacidade`` is the
CapabilityStatement); ``ports.py`` is the JSON API it needs (:class:`ports.ApiJson`);
``adapters/fachada.py`` calls the JSON routes through the service client with the caller's
token (chosen in ``services/medico/app.py``); ``routes.py`` is HTTP and FHIR search syntax.
"""
