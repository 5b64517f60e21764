-- Run ONCE per environment by the operator, as the RDS master user, on the healthmed database
-- (docs/deploy.md, "Usuários do banco"); psql variables carry the passwords:
--   psql "$MASTER_URL" -v ON_ERROR_STOP=1 -v senha_auth=... -v senha_medico=... \
--        -v senha_paciente=... -v senha_consulta=... -v senha_prontuario=... -f infra/sql/papeis.sql
-- One login role per service, owner of its own schema and of nothing else: a service's
-- credentials cannot read or change another service's tables (ARCHITECTURE.md, one owner per
-- invariant), and none can create schemas or extensions. tests/infra/test_papeis_do_banco.py
-- runs this file on a real PostgreSQL and migrates and queries each service as its role.

-- The extensions the migrations use, in public (only the master user may create them on RDS).
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Nobody creates in public, and the database grants nothing to PUBLIC but CONNECT.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO PUBLIC;

CREATE ROLE healthmed_auth LOGIN PASSWORD :'senha_auth';
CREATE ROLE healthmed_medico LOGIN PASSWORD :'senha_medico';
CREATE ROLE healthmed_paciente LOGIN PASSWORD :'senha_paciente';
CREATE ROLE healthmed_consulta LOGIN PASSWORD :'senha_consulta';
CREATE ROLE healthmed_prontuario LOGIN PASSWORD :'senha_prontuario';

CREATE SCHEMA IF NOT EXISTS auth AUTHORIZATION healthmed_auth;
CREATE SCHEMA IF NOT EXISTS medico AUTHORIZATION healthmed_medico;
CREATE SCHEMA IF NOT EXISTS paciente AUTHORIZATION healthmed_paciente;
CREATE SCHEMA IF NOT EXISTS consulta AUTHORIZATION healthmed_consulta;
CREATE SCHEMA IF NOT EXISTS prontuario AUTHORIZATION healthmed_prontuario;

-- (A schema that already existed, created by an earlier setup as the master user, changes hands.)
ALTER SCHEMA auth OWNER TO healthmed_auth;
ALTER SCHEMA medico OWNER TO healthmed_medico;
ALTER SCHEMA paciente OWNER TO healthmed_paciente;
ALTER SCHEMA consulta OWNER TO healthmed_consulta;
ALTER SCHEMA prontuario OWNER TO healthmed_prontuario;

-- Each role sees its own schema first; public holds only the extensions' functions and types.
ALTER ROLE healthmed_auth SET search_path = auth, public;
ALTER ROLE healthmed_medico SET search_path = medico, public;
ALTER ROLE healthmed_paciente SET search_path = paciente, public;
ALTER ROLE healthmed_consulta SET search_path = consulta, public;
ALTER ROLE healthmed_prontuario SET search_path = prontuario, public;
