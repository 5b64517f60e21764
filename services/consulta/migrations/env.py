from libs.migrations import run_env
from services.consulta.adapters.tables import metadata

run_env(metadata, schema="consulta")
