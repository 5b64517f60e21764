"""The FHIR facade's translation between the JSON API and FHIR R4: pure code, no HTTP."""
