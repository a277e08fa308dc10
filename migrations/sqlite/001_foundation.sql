-- 001: the foundation. Communications as letters give them, the knowledge
-- base, and the full-text index. Every child row belongs to one
-- communication and goes with it (ON DELETE CASCADE).

-- The knowledge base, loaded from the binary's data files by `init`;
-- editable by an administrator afterwards.
CREATE TABLE countries (
  alpha3   TEXT PRIMARY KEY,          -- ISO 3166-1 alpha-3, or OTH for non-State addressees
  alpha2   TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  name_fr  TEXT NOT NULL,
  name_es  TEXT NOT NULL
);

CREATE TABLE mandates (
  slug         TEXT PRIMARY KEY,      -- "torture", "arbitrary-detention"
  kind         TEXT NOT NULL,         -- thematic | country
  body         TEXT,                  -- special-rapporteur | working-group | ...
  country      TEXT REFERENCES countries(alpha3),
  title_en     TEXT NOT NULL,
  title_fr     TEXT,
  title_es     TEXT,
  established  TEXT
);

CREATE TABLE mandate_resolutions (
  slug     TEXT NOT NULL REFERENCES mandates(slug) ON DELETE CASCADE,
  symbol   TEXT NOT NULL,             -- "52/7"
  body     TEXT,                      -- HRC | CHR
  adopted  TEXT NOT NULL,
  PRIMARY KEY (slug, symbol)
);

CREATE TABLE mandate_holders (
  slug         TEXT NOT NULL REFERENCES mandates(slug) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  signs_as     TEXT NOT NULL,
  served_from  TEXT NOT NULL,
  served_to    TEXT,                  -- NULL while in office
  PRIMARY KEY (slug, name, served_from)
);

CREATE TABLE instruments (
  short      TEXT PRIMARY KEY,        -- "ICCPR"
  kind       TEXT NOT NULL,
  binding    INTEGER NOT NULL,        -- 1 for treaties and protocols
  name_en    TEXT NOT NULL,
  name_fr    TEXT,
  name_es    TEXT,
  adopted    TEXT
);

CREATE TABLE instrument_names (
  short     TEXT NOT NULL REFERENCES instruments(short) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  is_alias  INTEGER NOT NULL,         -- 1 for abbreviations ("CAT")
  PRIMARY KEY (short, name)
);

CREATE TABLE provisions (
  instrument  TEXT NOT NULL REFERENCES instruments(short) ON DELETE CASCADE,
  article     TEXT NOT NULL,
  summary     TEXT,
  PRIMARY KEY (instrument, article)
);

-- Treaty status per State: years from data/treaty-status, exact dates
-- where a letter states them (source names the letter).
CREATE TABLE ratifications (
  country     TEXT NOT NULL REFERENCES countries(alpha3),
  instrument  TEXT NOT NULL REFERENCES instruments(short),
  party       INTEGER NOT NULL,
  signatory   INTEGER NOT NULL DEFAULT 0,
  year        INTEGER,
  action      TEXT,                   -- ratified | acceded | succeeded
  date        TEXT,
  source      TEXT,
  PRIMARY KEY (country, instrument)
);

-- Communications. A draft has no reference, number or year: those are
-- given when it is sent (workflow).
CREATE TABLE communications (
  id                   INTEGER PRIMARY KEY,
  reference            TEXT UNIQUE,
  slug                 TEXT UNIQUE,       -- "AL-KAZ-2-2024", the stable URL
  core                 TEXT,              -- "KAZ 2/2024", what later letters cite
  type                 TEXT,
  country              TEXT REFERENCES countries(alpha3),
  number               INTEGER,
  year                 INTEGER,
  date                 TEXT,
  language             TEXT,
  reply_deadline_days  INTEGER,
  reply_due            TEXT,
  status               TEXT NOT NULL DEFAULT 'sent',
  source_name          TEXT,          -- the file it was read from
  source_sha256         TEXT,
  body                 TEXT NOT NULL DEFAULT '',
  record               TEXT NOT NULL DEFAULT '{}',  -- the letter record as JSON
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX communications_date ON communications(date);
CREATE INDEX communications_country ON communications(country, year);
CREATE INDEX communications_core ON communications(core);

CREATE TABLE communication_mandates (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  title             TEXT NOT NULL,
  resolution        TEXT,
  slug              TEXT REFERENCES mandates(slug),
  PRIMARY KEY (communication_id, position)
);
CREATE INDEX communication_mandates_slug ON communication_mandates(slug);

CREATE TABLE questions (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  n                 INTEGER NOT NULL,
  text              TEXT NOT NULL,
  PRIMARY KEY (communication_id, n)
);

CREATE TABLE citations (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  instrument        TEXT,             -- NULL when the letter did not say which
  article           TEXT NOT NULL,
  context           TEXT,
  violation         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (communication_id, position)
);
CREATE INDEX citations_provision ON citations(instrument, article);

CREATE TABLE related_references (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  reference         TEXT NOT NULL,    -- the core, "KAZ 1/2022"
  PRIMARY KEY (communication_id, reference)
);
CREATE INDEX related_references_reference ON related_references(reference);

CREATE TABLE signatories (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  name              TEXT NOT NULL,
  title             TEXT,
  PRIMARY KEY (communication_id, position)
);

CREATE TABLE stated_ratifications (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  instrument        TEXT NOT NULL,
  action            TEXT NOT NULL,
  date              TEXT NOT NULL,
  PRIMARY KEY (communication_id, instrument, date)
);

CREATE TABLE figures (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  value             REAL NOT NULL,
  unit              TEXT,
  context           TEXT,
  PRIMARY KEY (communication_id, position)
);

CREATE TABLE documents (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  symbol            TEXT NOT NULL,
  PRIMARY KEY (communication_id, symbol)
);

CREATE TABLE links (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  url               TEXT NOT NULL,
  PRIMARY KEY (communication_id, url)
);

-- Full text over reference and body, kept in step by the store (not by
-- triggers, so that the PostgreSQL driver can do the same in its own way).
CREATE VIRTUAL TABLE communications_fts USING fts5(
  reference, body,
  content = 'communications', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
