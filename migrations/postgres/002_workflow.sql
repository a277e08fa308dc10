-- 002: the workflow, for PostgreSQL (migrations/sqlite/002_workflow.sql
-- says what each part is for).

ALTER TABLE communications ADD COLUMN origin TEXT NOT NULL DEFAULT 'ingested';
ALTER TABLE communications ADD COLUMN draft TEXT;
ALTER TABLE communications ADD COLUMN letter_md TEXT;
ALTER TABLE communications ADD COLUMN procedure TEXT NOT NULL DEFAULT 'communication';
ALTER TABLE communications ADD COLUMN publication_date TEXT;
ALTER TABLE communications ADD COLUMN session BIGINT;
ALTER TABLE communications ADD COLUMN created_by TEXT;
ALTER TABLE communications ADD COLUMN sent_by TEXT;

CREATE UNIQUE INDEX communications_number ON communications(country, year, number)
  WHERE number IS NOT NULL;
CREATE INDEX communications_status ON communications(status);

CREATE TABLE reference_counters (
  country  TEXT NOT NULL,
  year     BIGINT NOT NULL,
  last     BIGINT NOT NULL,
  PRIMARY KEY (country, year)
);

CREATE TABLE approvals (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  mandate           TEXT NOT NULL REFERENCES mandates(slug) DEFERRABLE,
  approved_by       TEXT NOT NULL,
  approved_at       TEXT NOT NULL,
  PRIMARY KEY (communication_id, mandate)
);

CREATE TABLE status_events (
  id                BIGINT PRIMARY KEY,
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  from_status       TEXT,
  to_status         TEXT NOT NULL,
  actor             TEXT NOT NULL,
  at                TEXT NOT NULL,
  effective         TEXT NOT NULL,
  note              TEXT
);
CREATE TRIGGER status_events_id BEFORE INSERT ON status_events FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX status_events_communication ON status_events(communication_id, id);

CREATE TABLE replies (
  id                BIGINT PRIMARY KEY,
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  received          TEXT NOT NULL,
  language          TEXT,
  kind              TEXT NOT NULL DEFAULT 'substantive',
  source_name       TEXT,
  source_sha256     TEXT,
  body              TEXT NOT NULL,
  late              BIGINT NOT NULL DEFAULT 0,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE TRIGGER replies_id BEFORE INSERT ON replies FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX replies_communication ON replies(communication_id, received);
CREATE INDEX replies_received ON replies(received);

CREATE TABLE reply_answers (
  reply_id    BIGINT NOT NULL REFERENCES replies(id) ON DELETE CASCADE DEFERRABLE,
  question_n  BIGINT NOT NULL,
  suggested   TEXT NOT NULL,
  evidence    TEXT,
  reading     TEXT,
  read_by     TEXT,
  read_at     TEXT,
  PRIMARY KEY (reply_id, question_n)
);

CREATE TABLE hrc_sessions (
  session       BIGINT PRIMARY KEY,
  opens         TEXT NOT NULL,
  closes        TEXT NOT NULL,
  report_symbol TEXT,
  sent_from     TEXT NOT NULL,
  sent_to       TEXT NOT NULL,
  replies_from  TEXT NOT NULL,
  replies_to    TEXT NOT NULL
);

CREATE TABLE paragraphs (
  key       TEXT NOT NULL,
  language  TEXT NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (key, language)
);

-- Read in the order the catalogue lists its questions: SQLite's rowid,
-- here a column of that name.
CREATE TABLE question_catalogue (
  id          TEXT PRIMARY KEY,
  theme       TEXT NOT NULL,
  text_en     TEXT NOT NULL,
  text_fr     TEXT,
  text_es     TEXT,
  provisions  TEXT,
  rowid       BIGINT NOT NULL
);
CREATE TRIGGER question_catalogue_rowid BEFORE INSERT ON question_catalogue
  FOR EACH ROW EXECUTE FUNCTION rapporteur_next_rowid();

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
INSERT INTO settings(key, value) VALUES ('reply_days.AL', '60'), ('reply_days.UA', '60'),
  ('reply_days.OL', '60'), ('reply_days.JAL', '60'), ('reply_days.JUA', '60'), ('reply_days.JOL', '60');
