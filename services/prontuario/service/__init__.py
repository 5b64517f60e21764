"""Use cases of the health record, one module per noun; each runs in one unit of work and
speaks only to ports (``services.prontuario.ports``) and the domain: the adapters are chosen
in ``app.create_app`` and reach the use cases through :class:`contexto.Prontuario`.

Authorization lives here, checked on every call: the patient reaches their own record; a doctor
reaches only what an active share covers, read again from the database at each request.
Every listing, download link, share, revocation and export is appended to the access log in the
same transaction as the act it records.

- ``contexto``: the context every use case receives and the checks they share;
- ``documentos``: upload (ask, receive, confirm), listing, download links and bytes;
- ``compartilhamentos``: shares granted by the patient, revoked, seen by the doctor;
- ``encerramento``: what closing the patient's account does to the record;
- ``acessos``: the record's access log as the patient reads it;
- ``integridade``: the walk over every HMAC chain of the access log (``comandos.verify_audit``);
- ``exportacao``: the patient's LGPD export and the operator's legal copy of a closed record;
- ``evolucoes``: clinical notes (draft, sign, addenda, reads);
- ``receituario``: signed prescriptions and certificates, and their public verification.

Import each from its own module: this package re-exports nothing.
"""
