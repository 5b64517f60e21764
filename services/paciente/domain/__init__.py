"""Rules about patients: CPF check digits, who may see a profile. Plain Python."""
