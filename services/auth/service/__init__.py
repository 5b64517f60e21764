"""Use cases of identity, one module per subdomain; each use case runs in one unit of work.

``identidade`` holds what they share (the :class:`~identidade.Identidade` context, the
throttling of attempts); ``sessoes`` logs in and out; ``cadastro`` keeps the credentials of
registrations; ``recuperacao`` resets passwords; ``troca_de_email`` changes the login e-mail
and undoes it; ``fila_de_emails`` queues and delivers e-mails. Callers import the module they
need.
"""
