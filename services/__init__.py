"""The five HealthMed services; none imports another (import-linter checks it)."""
