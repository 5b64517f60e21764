"""medico: índices da busca servem também as ordenações (distância por KNN, avaliação, nome)

Revision ID: medico_0002
"""

from libs.migrations import run_sql

revision = "medico_0002"
down_revision = "medico_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        -- Whole-table GiST (nulls included) so that `order by ll_to_earth(lat, lon) <-> point`
        -- is a nearest-first index scan even when no radius restricts the rows.
        drop index ix_medicos_local;
        create index ix_medicos_local on medicos using gist (ll_to_earth(lat, lon));
        -- The full sort keys, so that a page of the rating order is read off the index.
        drop index ix_medicos_avaliacao;
        create index ix_medicos_avaliacao
            on medicos (avaliacao_media desc nulls last, total_avaliacoes desc, nome, id);
        """
    )


def downgrade() -> None:
    run_sql(
        """
        drop index ix_medicos_avaliacao;
        create index ix_medicos_avaliacao
            on medicos (avaliacao_media desc nulls last, total_avaliacoes desc);
        drop index ix_medicos_local;
        create index ix_medicos_local on medicos using gist (ll_to_earth(lat, lon))
            where lat is not null;
        """
    )
