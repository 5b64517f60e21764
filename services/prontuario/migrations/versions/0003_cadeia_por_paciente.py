"""prontuario: the access log becomes one HMAC chain per patient (acessos_por_paciente,
acessos_cabecas); the old table ``acessos`` stays as the legacy chain over all patients

Why: every append used to take ONE global lock (``pg_advisory_xact_lock``) until commit, to
read the previous MAC; with the commit of RDS Multi-AZ (~5 ms) that lock is the first limit
above 20,000 users (``docs/capacity.md``). Now an append locks only its patient's *head*
(``acessos_cabecas``: last number and MAC of the chain, ``SELECT ... FOR UPDATE``), so appends
for different patients never wait for each other. The head also makes a chain cut at its end
detectable, which no chain reveals by itself.

How the existing entries are treated: they are NOT re-chained. They stay where they are, in
``acessos``, and go on being verified as the one legacy chain they were written as (same MAC,
same global numbers; old anchors ``seq:mac`` keep their meaning). New entries go to a new
table, in per-patient chains whose MAC carries a format number, so neither kind passes for
the other. Re-chaining was the other choice and was refused because:

- it rewrites the evidence: the whole point of the log is that nobody UPDATEs it, and a
  re-chaining migration would have to switch the trigger off and recompute every MAC;
- it needs the audit key inside the migration (today migrations know no key);
- it is not compatible with the tasks still running the previous code during a deploy
  (migrations run first, with old tasks serving, ``docs/operations.md``): those keep
  appending to ``acessos`` with the global lock, and that stays valid here: the legacy chain
  simply grows until the last old task stops. Once no task runs code older than this revision,
  a later migration may close ``acessos`` to INSERTs too (noted in ``docs/operations.md``).

The new tables are protected like the old one: ``acessos_por_paciente`` refuses UPDATE, DELETE
and TRUNCATE; a head is born at 0 with the initial MAC, refuses DELETE and TRUNCATE, and moves
only forward by one, to an entry that exists with that MAC; so rolling a head back (to hide
entries deleted from the end) needs the triggers switched off, like any other tampering, and
the verifier still catches it against an anchor kept outside the database.

Revision ID: prontuario_0003
"""

from alembic import op

from libs.migrations import run_sql

revision = "prontuario_0003"
down_revision = "prontuario_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table acessos_por_paciente (
            paciente_id uuid not null,
            seq bigint not null check (seq > 0),
            id uuid not null unique,
            quando timestamptz not null,
            usuario_id uuid not null,
            papel text not null check (papel in ('medico', 'paciente')),
            acao text not null,
            ip text not null,
            documento_id uuid,
            compartilhamento_id uuid,
            mac_anterior text not null check (mac_anterior ~ '^[0-9a-f]{64}$'),
            mac text not null check (mac ~ '^[0-9a-f]{64}$'),
            primary key (paciente_id, seq)
        );
        create trigger acessos_por_paciente_sem_alteracao
            before update or delete on acessos_por_paciente
            for each row execute function acessos_somente_inclusao();
        create trigger acessos_por_paciente_sem_truncate before truncate on acessos_por_paciente
            for each statement execute function acessos_somente_inclusao();

        create table acessos_cabecas (
            paciente_id uuid primary key,
            seq bigint not null check (seq >= 0),
            mac text not null check (mac ~ '^[0-9a-f]{64}$')
        );

        -- A head is born empty and only ever moves one entry forward, onto an entry that is
        -- there: it cannot be rolled back or pointed anywhere else with the triggers on.
        create function acessos_cabeca_so_avanca() returns trigger
        language plpgsql as $$
        begin
            if tg_op = 'INSERT' then
                if new.seq = 0 and new.mac = repeat('0', 64) then
                    return new;
                end if;
            elsif new.paciente_id = old.paciente_id and new.seq = old.seq + 1
                and exists (select 1 from prontuario.acessos_por_paciente a
                            where a.paciente_id = new.paciente_id and a.seq = new.seq
                              and a.mac = new.mac and a.mac_anterior = old.mac) then
                return new;
            end if;
            raise exception 'a cabeça da cadeia de acessos só avança uma entrada (% negado)',
                tg_op using errcode = 'insufficient_privilege';
        end;
        $$;
        create trigger acessos_cabecas_so_avanca before insert or update on acessos_cabecas
            for each row execute function acessos_cabeca_so_avanca();
        create trigger acessos_cabecas_sem_apagar before delete on acessos_cabecas
            for each row execute function acessos_somente_inclusao();
        create trigger acessos_cabecas_sem_truncate before truncate on acessos_cabecas
            for each statement execute function acessos_somente_inclusao();
        """
    )


def downgrade() -> None:
    op.execute(
        "drop table acessos_cabecas, acessos_por_paciente; drop function acessos_cabeca_so_avanca()"
    )
