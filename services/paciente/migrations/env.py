from libs.migrations import run_env
from services.paciente.adapters.tables import metadata

run_env(metadata, schema="paciente")
