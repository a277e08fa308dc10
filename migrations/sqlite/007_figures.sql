-- 007: figures as records, and situations (docs/FIGURES.md).
--
-- The `figures` table of 001 holds what the extractor found in a letter:
-- a value, a unit, a sentence. A figure record says what that number
-- counts (a category of data/figure-vocabulary.json), as of when, who says
-- so, and where it is written (the letter or reply, and the passage). It
-- is proposed by the program and confirmed, corrected or rejected by an
-- officer; only confirmed records make a funnel.

CREATE TABLE figure_records (
  id                INTEGER PRIMARY KEY,
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  reply_id          INTEGER REFERENCES replies(id) ON DELETE CASCADE,  -- NULL: the letter itself
  passage           TEXT NOT NULL,      -- the sentence the figure is written in
  occurrence        INTEGER NOT NULL,   -- its place among that passage's figures, from 0
  value             REAL NOT NULL,
  unit              TEXT,               -- as the extractor named it (data/figure-units.json)
  category          TEXT,               -- what it counts; NULL until a cue or an officer says
  as_of             TEXT,               -- YYYY-MM-DD; NULL when no date is known
  as_of_basis       TEXT NOT NULL,      -- stated | paragraph | document | officer
  source            TEXT NOT NULL,      -- who says so: a source key of the vocabulary
  source_words      TEXT,               -- the words naming it in the document
  evidence          TEXT,               -- the cue the category was proposed on
  proposed          TEXT NOT NULL,      -- the program's reading as JSON, kept when an officer corrects it
  status            TEXT NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'confirmed', 'rejected')),
  decided_by        TEXT,
  decided_at        TEXT,
  note              TEXT,               -- the officer's, internal: never exported to the public
  created_at        TEXT NOT NULL
);
-- A figure is the same figure when the same document says it in the same
-- passage at the same place: reading a letter again never duplicates it.
CREATE UNIQUE INDEX figure_records_identity
  ON figure_records(communication_id, coalesce(reply_id, 0), passage, occurrence);
CREATE INDEX figure_records_category ON figure_records(category, as_of);
CREATE INDEX figure_records_status ON figure_records(status);

-- Which documents have had their figures read, and from which version of
-- the letter (its SHA-256, or its update time when it has none): after an
-- ingest only new and changed letters are read again.
CREATE TABLE figure_documents (
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  reply_id          INTEGER REFERENCES replies(id) ON DELETE CASCADE,
  version           TEXT NOT NULL,
  read_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX figure_documents_document ON figure_documents(communication_id, coalesce(reply_id, 0));

-- A situation (Kazakhstan, January 2022) groups the communications about
-- it, and through them their figures.
CREATE TABLE situations (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,   -- "kaz-2022-01": letters, digits and -
  title        TEXT NOT NULL,          -- "Kazakhstan, January 2022"
  country      TEXT REFERENCES countries(alpha3),
  period_from  TEXT,                   -- YYYY-MM-DD
  period_to    TEXT,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

CREATE TABLE situation_communications (
  situation_id      INTEGER NOT NULL REFERENCES situations(id) ON DELETE CASCADE,
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  linked_by         TEXT NOT NULL,
  linked_at         TEXT NOT NULL,
  PRIMARY KEY (situation_id, communication_id)
);
CREATE INDEX situation_communications_communication ON situation_communications(communication_id);
