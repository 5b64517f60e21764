"""medico: especialidades (lista do CFM), medicos, avaliacoes; índices da busca

Revision ID: medico_0001
"""

from alembic import op

from libs.migrations import run_sql

revision = "medico_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table especialidades (
            slug text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
            nome text not null unique
        );

        create table medicos (
            id uuid primary key,
            nome text not null,
            crm text not null check (crm ~ '^[0-9]{4,10}$'),
            uf text not null check (uf ~ '^[A-Z]{2}$'),
            email text not null,
            especialidades text[] not null check (cardinality(especialidades) > 0),
            telefone text,
            bio text,
            endereco jsonb,
            lat double precision check (lat between -90 and 90),
            lon double precision check (lon between -180 and 180),
            valor_consulta numeric(10, 2) check (valor_consulta >= 0),
            fuso_horario text not null default 'America/Sao_Paulo',
            antecedencia_minima_minutos integer not null default 120
                check (antecedencia_minima_minutos between 0 and 10080),
            avaliacao_soma bigint not null default 0,
            total_avaliacoes integer not null default 0,
            avaliacao_media double precision,
            proximo_horario timestamptz,
            criado_em timestamptz not null default now(),
            atualizado_em timestamptz not null default now(),
            check ((lat is null) = (lon is null))
        );
        create unique index uq_medicos_crm_uf on medicos (crm, uf);
        create unique index uq_medicos_email on medicos (lower(email));
        -- The search: specialty containment, distance (earth_box on a GiST index), rating,
        -- next free slot, and the default order by name.
        create index ix_medicos_especialidades on medicos using gin (especialidades);
        create index ix_medicos_local on medicos using gist (ll_to_earth(lat, lon))
            where lat is not null;
        create index ix_medicos_avaliacao
            on medicos (avaliacao_media desc nulls last, total_avaliacoes desc);
        create index ix_medicos_proximo_horario on medicos (proximo_horario)
            where proximo_horario is not null;
        create index ix_medicos_nome on medicos (nome, id);

        create table avaliacoes (
            consulta_id uuid primary key,
            medico_id uuid not null references medicos (id) on delete cascade,
            nota smallint not null check (nota between 1 and 5),
            criada_em timestamptz not null default now()
        );
        create index ix_avaliacoes_medico on avaliacoes (medico_id);

        -- Resolução CFM nº 2.330/2023: the 55 medical specialties.
        insert into especialidades (slug, nome) values
            ('acupuntura', 'Acupuntura'),
            ('alergia-e-imunologia', 'Alergia e Imunologia'),
            ('anestesiologia', 'Anestesiologia'),
            ('angiologia', 'Angiologia'),
            ('cardiologia', 'Cardiologia'),
            ('cirurgia-cardiovascular', 'Cirurgia Cardiovascular'),
            ('cirurgia-da-mao', 'Cirurgia da Mão'),
            ('cirurgia-de-cabeca-e-pescoco', 'Cirurgia de Cabeça e Pescoço'),
            ('cirurgia-do-aparelho-digestivo', 'Cirurgia do Aparelho Digestivo'),
            ('cirurgia-geral', 'Cirurgia Geral'),
            ('cirurgia-oncologica', 'Cirurgia Oncológica'),
            ('cirurgia-pediatrica', 'Cirurgia Pediátrica'),
            ('cirurgia-plastica', 'Cirurgia Plástica'),
            ('cirurgia-toracica', 'Cirurgia Torácica'),
            ('cirurgia-vascular', 'Cirurgia Vascular'),
            ('clinica-medica', 'Clínica Médica'),
            ('coloproctologia', 'Coloproctologia'),
            ('dermatologia', 'Dermatologia'),
            ('endocrinologia-e-metabologia', 'Endocrinologia e Metabologia'),
            ('endoscopia', 'Endoscopia'),
            ('gastroenterologia', 'Gastroenterologia'),
            ('genetica-medica', 'Genética Médica'),
            ('geriatria', 'Geriatria'),
            ('ginecologia-e-obstetricia', 'Ginecologia e Obstetrícia'),
            ('hematologia-e-hemoterapia', 'Hematologia e Hemoterapia'),
            ('homeopatia', 'Homeopatia'),
            ('infectologia', 'Infectologia'),
            ('mastologia', 'Mastologia'),
            ('medicina-de-emergencia', 'Medicina de Emergência'),
            ('medicina-de-familia-e-comunidade', 'Medicina de Família e Comunidade'),
            ('medicina-do-trabalho', 'Medicina do Trabalho'),
            ('medicina-de-trafego', 'Medicina de Tráfego'),
            ('medicina-esportiva', 'Medicina Esportiva'),
            ('medicina-fisica-e-reabilitacao', 'Medicina Física e Reabilitação'),
            ('medicina-intensiva', 'Medicina Intensiva'),
            ('medicina-legal-e-pericia-medica', 'Medicina Legal e Perícia Médica'),
            ('medicina-nuclear', 'Medicina Nuclear'),
            ('medicina-preventiva-e-social', 'Medicina Preventiva e Social'),
            ('nefrologia', 'Nefrologia'),
            ('neurocirurgia', 'Neurocirurgia'),
            ('neurologia', 'Neurologia'),
            ('nutrologia', 'Nutrologia'),
            ('oftalmologia', 'Oftalmologia'),
            ('oncologia-clinica', 'Oncologia Clínica'),
            ('ortopedia-e-traumatologia', 'Ortopedia e Traumatologia'),
            ('otorrinolaringologia', 'Otorrinolaringologia'),
            ('patologia', 'Patologia'),
            ('patologia-clinica-medicina-laboratorial', 'Patologia Clínica/Medicina Laboratorial'),
            ('pediatria', 'Pediatria'),
            ('pneumologia', 'Pneumologia'),
            ('psiquiatria', 'Psiquiatria'),
            ('radiologia-e-diagnostico-por-imagem', 'Radiologia e Diagnóstico por Imagem'),
            ('radioterapia', 'Radioterapia'),
            ('reumatologia', 'Reumatologia'),
            ('urologia', 'Urologia');
        """
    )


def downgrade() -> None:
    op.execute("drop table avaliacoes, medicos, especialidades")
