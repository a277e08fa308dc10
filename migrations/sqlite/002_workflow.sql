-- 002: the workflow. Drafts live in communications with status 'draft' and
-- no reference; a reference is given at sending and never changes. Every
-- status change is an event with who and when. Replies are filed against
-- a communication and read question by question.

ALTER TABLE communications ADD COLUMN origin TEXT NOT NULL DEFAULT 'ingested';  -- ingested | drafted
ALTER TABLE communications ADD COLUMN draft TEXT;               -- the draft as JSON (docs/DRAFTING.md)
ALTER TABLE communications ADD COLUMN letter_md TEXT;           -- the letter as sent (Markdown): never re-rendered
ALTER TABLE communications ADD COLUMN procedure TEXT NOT NULL DEFAULT 'communication';
                                                                -- or wgad-regular, wgeid-case: kept out of reports
ALTER TABLE communications ADD COLUMN publication_date TEXT;    -- the reply due date: public from then on
ALTER TABLE communications ADD COLUMN session INTEGER;          -- HRC session whose report covers it
ALTER TABLE communications ADD COLUMN created_by TEXT;
ALTER TABLE communications ADD COLUMN sent_by TEXT;

-- A number is given once per addressee and year, across all types.
CREATE UNIQUE INDEX communications_number ON communications(country, year, number)
  WHERE number IS NOT NULL;
CREATE INDEX communications_status ON communications(status);

-- The last number given per addressee and year: numbers are never reused,
-- even when a later letter is withdrawn.
CREATE TABLE reference_counters (
  country  TEXT NOT NULL,
  year     INTEGER NOT NULL,
  last     INTEGER NOT NULL,
  PRIMARY KEY (country, year)
);

CREATE TABLE approvals (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  mandate           TEXT NOT NULL REFERENCES mandates(slug),
  approved_by       TEXT NOT NULL,
  approved_at       TEXT NOT NULL,
  PRIMARY KEY (communication_id, mandate)
);

CREATE TABLE status_events (
  id                INTEGER PRIMARY KEY,
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  from_status       TEXT,
  to_status         TEXT NOT NULL,
  actor             TEXT NOT NULL,
  at                TEXT NOT NULL,        -- wall-clock time of the change
  effective         TEXT NOT NULL,        -- the day it took effect ("today", settable)
  note              TEXT
);
CREATE INDEX status_events_communication ON status_events(communication_id, id);

CREATE TABLE replies (
  id                INTEGER PRIMARY KEY,
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  received          TEXT NOT NULL,
  language          TEXT,
  kind              TEXT NOT NULL DEFAULT 'substantive',  -- acknowledgement | substantive | rejection
  source_name       TEXT,
  source_sha256     TEXT,
  body              TEXT NOT NULL,
  late              INTEGER NOT NULL DEFAULT 0,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE INDEX replies_communication ON replies(communication_id, received);
CREATE INDEX replies_received ON replies(received);

-- How a reply answers each numbered question: the officer's reading, and
-- the suggestion computed from the reply's text.
CREATE TABLE reply_answers (
  reply_id    INTEGER NOT NULL REFERENCES replies(id) ON DELETE CASCADE,
  question_n  INTEGER NOT NULL,
  suggested   TEXT NOT NULL,          -- answered | partly | not-answered
  evidence    TEXT,                   -- why the suggestion was made
  reading     TEXT,                   -- the officer's: answered | partly | not-answered
  read_by     TEXT,
  read_at     TEXT,
  PRIMARY KEY (reply_id, question_n)
);

-- Knowledge the workflow needs, loaded by `init` from data/.
CREATE TABLE hrc_sessions (
  session       INTEGER PRIMARY KEY,
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

CREATE TABLE question_catalogue (
  id          TEXT PRIMARY KEY,
  theme       TEXT NOT NULL,
  text_en     TEXT NOT NULL,
  text_fr     TEXT,
  text_es     TEXT,
  provisions  TEXT               -- "CAT:12 CAT:13"
);

-- Settings an administrator may change: reply_days.AL = 60, ...
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
INSERT INTO settings(key, value) VALUES ('reply_days.AL', '60'), ('reply_days.UA', '60'),
  ('reply_days.OL', '60'), ('reply_days.JAL', '60'), ('reply_days.JUA', '60'), ('reply_days.JOL', '60');
