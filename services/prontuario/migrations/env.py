from libs.migrations import run_env
from services.prontuario.adapters.tables import metadata

run_env(metadata, schema="prontuario")
