"""The operator's commands, run with ``python -m services.prontuario.comandos.<name>`` and the
service's own settings (``HEALTHMED_*``), never through the API:

- ``verify_audit`` (``make verify-audit``): check every HMAC chain of the access log;
- ``copia_legal``: copy a closed account's record for a legal request (docs/operations.md);
- ``banco_do_operador``: the database both work on (the embedded one in the local profile).
"""
