from libs.migrations import run_env
from services.medico.adapters.tables import metadata

run_env(metadata, schema="medico")
