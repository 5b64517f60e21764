"""The use cases of the agenda, one module per noun; each runs in one unit of work and speaks
to ports (``services/consulta/ports.py``) only. Callers import the module they need."""
