-- Run once by the postgres image on an empty data directory: the extensions the services need
-- (the agenda's exclusion constraint, the search by distance and by name) and one schema per
-- service, as libs/postgres.py does for the embedded server.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS medico;
CREATE SCHEMA IF NOT EXISTS paciente;
CREATE SCHEMA IF NOT EXISTS consulta;
CREATE SCHEMA IF NOT EXISTS prontuario;
