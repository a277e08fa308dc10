-- 001: the foundation, for PostgreSQL. The same tables, columns, keys and
-- indexes as migrations/sqlite/001_foundation.sql, in PostgreSQL's types:
-- every INTEGER is a BIGINT (SQLite's integers are 64-bit), REAL is
-- DOUBLE PRECISION. What SQLite does on its own and PostgreSQL does not is
-- written here once, for every later migration and for the code:
--
-- * rapporteur_next_id(): an INTEGER PRIMARY KEY left out of an INSERT
--   takes max(id) + 1, as SQLite gives a rowid, so that rows copied with
--   their ids (rapporteur migrate) and rows added later never collide and
--   no sequence has to be kept in step.
-- * json_extract(text, '$.a.b'), json_each(text, '$.a'), json_array_length
--   (text, '$.a'), julianday(text) and group_concat(text, text): the SQLite
--   functions the code's SQL uses, with their meaning.
--
-- Foreign keys are DEFERRABLE (checked at once unless a transaction says
-- otherwise), so that rapporteur migrate can copy tables in any order and
-- check every reference at its commit, as SQLite's defer_foreign_keys.
--
-- The full-text index is the tsv column (003), written by the store.

-- The writers' lock (src/store/db.c) taken by an INSERT that picks its own
-- id, so that two of them outside a transaction do not pick the same.
CREATE FUNCTION rapporteur_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS NULL THEN
    PERFORM pg_advisory_xact_lock(1918988400);
    EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.id;
  END IF;
  RETURN NEW;
END $$;

-- The same for a table read in SQLite's rowid order: its rowid column.
CREATE FUNCTION rapporteur_next_rowid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.rowid IS NULL THEN
    PERFORM pg_advisory_xact_lock(1918988400);
    EXECUTE format('SELECT coalesce(max(rowid), 0) + 1 FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO NEW.rowid;
  END IF;
  RETURN NEW;
END $$;

-- json_extract(doc, '$.key.key'): the value at the path as text (objects
-- and arrays as JSON), NULL when absent or when doc is NULL.
CREATE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.')
$$;

-- json_each(doc, '$.path'): the elements of the array at the path, as
-- text in a column called value (the code reads arrays only).
CREATE FUNCTION json_each(doc text, path text) RETURNS TABLE(value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(j) = 'array' THEN j ELSE '[]'::jsonb END)
  FROM (SELECT (doc::jsonb) #> string_to_array(substr(path, 3), '.') AS j) p
$$;

-- json_array_length(doc, '$.path'): the length of the array at the path,
-- 0 for another value, NULL when there is none.
CREATE FUNCTION json_array_length(doc text, path text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN j IS NULL THEN NULL WHEN jsonb_typeof(j) = 'array' THEN jsonb_array_length(j) ELSE 0 END
  FROM (SELECT (doc::jsonb) #> string_to_array(substr(path, 3), '.') AS j) p
$$;

-- julianday('YYYY-MM-DD[THH:MM:SS]' or 'now'): the Julian day number,
-- fractional, the time read as UTC.
CREATE FUNCTION julianday(t text) RETURNS double precision LANGUAGE sql STABLE AS $$
  SELECT extract(epoch FROM CASE WHEN t = 'now' THEN now() AT TIME ZONE 'UTC'
                                 ELSE rtrim(t, 'Z')::timestamp END)::double precision / 86400.0 + 2440587.5
$$;

-- group_concat(value, separator): NULL values skipped, NULL when none.
CREATE FUNCTION rapporteur_concat(acc text, value text, sep text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT acc || sep || value
$$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = rapporteur_concat, STYPE = text);

-- The knowledge base.
CREATE TABLE countries (
  alpha3   TEXT PRIMARY KEY,
  alpha2   TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
);

CREATE TABLE mandates (
  slug         TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  body         TEXT,
  country      TEXT REFERENCES countries(alpha3) DEFERRABLE,
  title_en     TEXT NOT NULL,
  title_fr     TEXT,
  title_es     TEXT,
  established  TEXT
);

CREATE TABLE mandate_resolutions (
  slug     TEXT NOT NULL REFERENCES mandates(slug) ON DELETE CASCADE DEFERRABLE,
  symbol   TEXT NOT NULL,
  body     TEXT,
  adopted  TEXT NOT NULL,
  PRIMARY KEY (slug, symbol)
);

CREATE TABLE mandate_holders (
  slug         TEXT NOT NULL REFERENCES mandates(slug) ON DELETE CASCADE DEFERRABLE,
  name         TEXT NOT NULL,
  signs_as     TEXT NOT NULL,
  served_from  TEXT NOT NULL,
  served_to    TEXT,
  PRIMARY KEY (slug, name, served_from)
);

CREATE TABLE instruments (
  short      TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  binding    BIGINT NOT NULL,
  name_en    TEXT NOT NULL,
  name_fr    TEXT,
  name_es    TEXT,
  adopted    TEXT
);

CREATE TABLE instrument_names (
  short     TEXT NOT NULL REFERENCES instruments(short) ON DELETE CASCADE DEFERRABLE,
  name      TEXT NOT NULL,
  is_alias  BIGINT NOT NULL,
  PRIMARY KEY (short, name)
);

CREATE TABLE provisions (
  instrument  TEXT NOT NULL REFERENCES instruments(short) ON DELETE CASCADE DEFERRABLE,
  article     TEXT NOT NULL,
  summary     TEXT,
  PRIMARY KEY (instrument, article)
);

CREATE TABLE ratifications (
  country     TEXT NOT NULL REFERENCES countries(alpha3) DEFERRABLE,
  instrument  TEXT NOT NULL REFERENCES instruments(short) DEFERRABLE,
  party       BIGINT NOT NULL,
  signatory   BIGINT NOT NULL DEFAULT 0,
  year        BIGINT,
  action      TEXT,
  date        TEXT,
  source      TEXT,
  PRIMARY KEY (country, instrument)
);

-- Communications.
CREATE TABLE communications (
  id                   BIGINT PRIMARY KEY,
  reference            TEXT UNIQUE,
  slug                 TEXT UNIQUE,
  core                 TEXT,
  type                 TEXT,
  country              TEXT REFERENCES countries(alpha3) DEFERRABLE,
  number               BIGINT,
  year                 BIGINT,
  date                 TEXT,
  language             TEXT,
  reply_deadline_days  BIGINT,
  reply_due            TEXT,
  status               TEXT NOT NULL DEFAULT 'sent',
  source_name          TEXT,
  source_sha256        TEXT,
  body                 TEXT NOT NULL DEFAULT '',
  record               TEXT NOT NULL DEFAULT '{}',
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE TRIGGER communications_id BEFORE INSERT ON communications FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX communications_date ON communications(date);
CREATE INDEX communications_country ON communications(country, year);
CREATE INDEX communications_core ON communications(core);

CREATE TABLE communication_mandates (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  position          BIGINT NOT NULL,
  title             TEXT NOT NULL,
  resolution        TEXT,
  slug              TEXT REFERENCES mandates(slug) DEFERRABLE,
  PRIMARY KEY (communication_id, position)
);
CREATE INDEX communication_mandates_slug ON communication_mandates(slug);

CREATE TABLE questions (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  n                 BIGINT NOT NULL,
  text              TEXT NOT NULL,
  PRIMARY KEY (communication_id, n)
);

CREATE TABLE citations (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  position          BIGINT NOT NULL,
  instrument        TEXT,
  article           TEXT NOT NULL,
  context           TEXT,
  violation         BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (communication_id, position)
);
CREATE INDEX citations_provision ON citations(instrument, article);

CREATE TABLE related_references (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  reference         TEXT NOT NULL,
  PRIMARY KEY (communication_id, reference)
);
CREATE INDEX related_references_reference ON related_references(reference);

CREATE TABLE signatories (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  position          BIGINT NOT NULL,
  name              TEXT NOT NULL,
  title             TEXT,
  PRIMARY KEY (communication_id, position)
);

CREATE TABLE stated_ratifications (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  instrument        TEXT NOT NULL,
  action            TEXT NOT NULL,
  date              TEXT NOT NULL,
  PRIMARY KEY (communication_id, instrument, date)
);

CREATE TABLE figures (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  position          BIGINT NOT NULL,
  value             DOUBLE PRECISION NOT NULL,
  unit              TEXT,
  context           TEXT,
  PRIMARY KEY (communication_id, position)
);

CREATE TABLE documents (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  symbol            TEXT NOT NULL,
  PRIMARY KEY (communication_id, symbol)
);

CREATE TABLE links (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  url               TEXT NOT NULL,
  PRIMARY KEY (communication_id, url)
);
