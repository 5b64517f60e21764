"""Request and response bodies of the prontuario service, one module per noun (as
``routes/``); each ``from_domain`` turns a domain object or a use case's result into its
public shape."""
