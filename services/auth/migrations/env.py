from libs.migrations import run_env
from services.auth.adapters.tables import metadata

run_env(metadata, schema="auth")
