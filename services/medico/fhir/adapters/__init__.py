"""The FHIR facade's adapter: the JSON API reached through the service client."""
