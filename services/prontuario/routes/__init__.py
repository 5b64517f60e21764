"""HTTP of the prontuario service, one module per noun (as ``service/`` and ``schemas/``):
parse, call one use case, answer. ``app.create_app`` mounts their routers, in an order that
matters (see there); ``contexto`` holds what every router shares."""
