"""medico: busca por nome (coluna nome_busca normalizada, índice GIN de trigramas)

Revision ID: medico_0003

The rule (``domain.busca.criterios``): every word typed is the start of some word of the
doctor's name, in any order, ignoring case and accents. How it is served:

- ``nome_normalizado(nome)`` is the name as the search compares it: ``unaccent``, ``lower``,
  every run of characters other than ``a-z0-9`` turned into one space, and one space at each
  end (" helena costa "). ``unaccent()`` is only STABLE (it reads a dictionary chosen by the
  search path), so it is wrapped the usual way: an IMMUTABLE SQL function naming the
  dictionary and the function by schema, with a SQL-standard body (bound when created, so the
  caller's search path does not matter). The promise holds as long as the unaccent rules file
  does not change; if it ever does, ``update medicos set nome = nome`` recomputes the column.
- ``nome_busca`` is a STORED generated column of it, not only an index expression: the index
  recheck and the relevance order read the stored text instead of calling ``unaccent`` on
  every candidate row, the database keeps it right on every insert and update (no domain code
  can forget it, bulk loads such as bench/busca.py included), and nothing is written at query
  time (the search runs on the read-only replica).
- A GIN trigram index (``pg_trgm``) on it answers ``nome_busca like '% hel%'`` for each typed
  word: a word prefix after a space. pg_trgm takes the space before the word as a word start
  and extracts the padded trigrams ("  h", " he", "hel"), so the index already keeps only names
  with a word starting that way, and the recheck of the exact pattern does the rest; the words
  are ANDed, so each one narrows the bitmap, in any order. Why not the alternatives: a btree
  (``text_pattern_ops``) serves a prefix of the whole string only, not of any word, nor words
  in any order; a tsvector with prefix queries (``'hel':*``) would also work, but its parser
  has its own idea of words (hyphens, apostrophes, e-mail-like tokens) that the domain would
  have to mirror, and it cannot rank "whole word" matches without a second expression, while
  one normalised string serves the filter, the relevance and a future infix or fuzzy
  (``similarity``) search with the same index.

Extensions ``pg_trgm`` and ``unaccent``: created with the others (libs/postgres.py locally,
docker/postgres/init.sql, and the RDS manual step in docs/operations.md).
"""

from libs.migrations import run_sql

revision = "medico_0003"
down_revision = "medico_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create function nome_normalizado(nome text) returns text
            language sql immutable strict parallel safe
            return ' ' || btrim(regexp_replace(
                lower(public.unaccent('public.unaccent'::regdictionary, nome)),
                '[^a-z0-9]+', ' ', 'g')) || ' ';
        alter table medicos
            add column nome_busca text generated always as (nome_normalizado(nome)) stored;
        create index ix_medicos_nome_busca on medicos using gin (nome_busca public.gin_trgm_ops);
        """
    )


def downgrade() -> None:
    run_sql(
        """
        drop index ix_medicos_nome_busca;
        alter table medicos drop column nome_busca;
        drop function nome_normalizado(text);
        """
    )
