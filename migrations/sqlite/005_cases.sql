-- 005: allegations as data (docs/CASES.md). Information comes in as
-- submissions from a source (intake); an officer decides whether it is
-- admissible, links it to the persons and cases already held, and builds
-- cases after the HURIDOCS "who did what to whom" model: victims, places,
-- perpetrators, events with uncertain dates, acts, the custody chain of
-- each detainee, medical documentation after the Istanbul Protocol, and
-- for each fact the sources that report it with a reliability grade.
--
-- Columns named *_sealed never hold plain text: they hold
-- "s1.KEYID.BASE64" ciphertexts (XChaCha20-Poly1305) under a key kept
-- outside the database (docs/PRIVACY.md, src/domain/privacy.c).
-- Vocabularies (kinds, methods, grades) are checked by the domain against
-- data/case-vocabulary.json and data/methods.json, not here.

-- The keys that have sealed this database: their ids only (a keyed hash of
-- the key), so that a key file that does not fit is refused by name.
CREATE TABLE privacy_keys (
  key_id      TEXT PRIMARY KEY,        -- 8 hex digits
  status      TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at  TEXT NOT NULL,
  retired_at  TEXT
);

-- Who reports. Anonymous information is refused: identity is required and,
-- for people and organisations, a contact. Both are sealed, always.
CREATE TABLE sources (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,      -- individual | organisation | victim | relative | lawyer | media | document | official
  identity_sealed  TEXT NOT NULL,
  contact_sealed   TEXT,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL
);

CREATE TABLE cases (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,            -- one line, no names of people (it is shown in lists)
  country     TEXT NOT NULL REFERENCES countries(alpha3),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  notes_sealed TEXT,                    -- the officer's internal notes
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

-- A submission: what one source sent, as received.
CREATE TABLE submissions (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL REFERENCES sources(id),
  received        TEXT NOT NULL,        -- YYYY-MM-DD
  language        TEXT NOT NULL,        -- ISO 639-1
  urgency         TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent')),
  country         TEXT REFERENCES countries(alpha3),
  subject         TEXT,                 -- one line, no names of people
  incident_kind   TEXT,                 -- the incident's date, uncertain (src/domain/event_date.h)
  incident_from   TEXT,
  incident_to     TEXT,
  narrative_sealed TEXT,                -- what the source says, in its words
  notes_sealed    TEXT,                 -- internal notes
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'admissible', 'inadmissible')),
  decision_reason TEXT,
  decided_by      TEXT,
  decided_at      TEXT,
  case_id         INTEGER REFERENCES cases(id),
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  CHECK (status = 'pending' OR (decision_reason IS NOT NULL AND decided_by IS NOT NULL))
);
CREATE INDEX submissions_status ON submissions(status, id);
CREATE INDEX submissions_case ON submissions(case_id);

-- The mandates a submission may concern, suggested from its content, with
-- the words that suggested each (evidence the officer can weigh).
CREATE TABLE submission_mandates (
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  mandate        TEXT NOT NULL REFERENCES mandates(slug),
  score          INTEGER NOT NULL,
  evidence       TEXT NOT NULL,
  PRIMARY KEY (submission_id, mandate)
);

-- Victims: a person, or a group with a count. A person merged into another
-- (the same victim reported twice) points at it and is no longer listed.
CREATE TABLE persons (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('person', 'group')),
  name_sealed     TEXT,                 -- persons: required; groups: none
  contact_sealed  TEXT,
  notes_sealed    TEXT,
  consent_named   INTEGER NOT NULL CHECK (consent_named IN (0, 1)),  -- may be named to the State and in public
  sex             TEXT,                 -- female | male | other | unknown
  age             INTEGER,
  profiles        TEXT,                 -- comma-separated ids of data/case-vocabulary.json "profiles"
  group_count     INTEGER,              -- groups: how many people
  group_description TEXT,               -- groups: who they are, without names
  merged_into     INTEGER REFERENCES persons(id),
  created_at      TEXT NOT NULL,
  CHECK (kind = 'group' OR name_sealed IS NOT NULL),
  CHECK (kind = 'person' OR (group_count > 0 AND group_description IS NOT NULL))
);

-- The blind index: keyed hashes (BLAKE2b, a key derived from the master
-- key) of the normalised words of each person's name, so that duplicates
-- are found without decrypting every name (src/domain/persons.c).
CREATE TABLE person_name_index (
  person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  token      TEXT NOT NULL,
  PRIMARY KEY (token, person_id)
);

CREATE TABLE submission_victims (
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,      -- 1, 2, ... as the submission lists them
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (submission_id, position)
);

-- The officer's decisions on suggested duplicates: the same (linked) or
-- kept apart, so that a decided pair is not suggested again.
CREATE TABLE duplicate_decisions (
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  target_kind    TEXT NOT NULL CHECK (target_kind IN ('person', 'case')),
  target_id      INTEGER NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('linked', 'apart')),
  decided_by     TEXT NOT NULL,
  decided_at     TEXT NOT NULL,
  PRIMARY KEY (submission_id, target_kind, target_id)
);

-- The victims of a case, each with the label that stands for a person who
-- did not consent to be named ("Victim A") in everything not for officers.
CREATE TABLE case_victims (
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  label      TEXT NOT NULL,
  PRIMARY KEY (case_id, person_id),
  UNIQUE (case_id, label)
);

CREATE TABLE places (
  id         INTEGER PRIMARY KEY,
  case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,             -- "Police station No. 2", "the gymnasium of school No. 5"
  kind       TEXT NOT NULL,             -- data/case-vocabulary.json place_kinds
  official   INTEGER NOT NULL CHECK (official IN (0, 1)),  -- an official place of deprivation of liberty
  locality   TEXT,
  authority  TEXT                       -- who runs it
);

CREATE TABLE perpetrators (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,           -- state-agent | non-state | unknown
  unit         TEXT,                    -- "special police unit", "National Guard"
  role         TEXT,                    -- "interrogating officers"
  name_sealed  TEXT                     -- an alleged perpetrator's name: sealed
);

CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  date_kind   TEXT NOT NULL,            -- exact | range | month | year | estimate | unknown
  date_from   TEXT,                     -- the earliest day it can have been
  date_to     TEXT,                     -- the latest
  place_id    INTEGER REFERENCES places(id),
  summary     TEXT NOT NULL             -- drafted into the facts: no names of victims who did not consent
);
CREATE INDEX events_case ON events(case_id, date_from);

CREATE TABLE acts (
  id              INTEGER PRIMARY KEY,
  event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  victim_id       INTEGER NOT NULL REFERENCES persons(id),
  type            TEXT NOT NULL,        -- data/methods.json act_types
  method          TEXT,                 -- data/methods.json methods
  perpetrator_id  INTEGER REFERENCES perpetrators(id)
);
CREATE INDEX acts_event ON acts(event_id);

-- The custody chain, step by step, with the fields of an official register
-- of persons deprived of liberty (ICPPED art. 17(3)).
CREATE TABLE custody_steps (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES persons(id),
  position     INTEGER NOT NULL,        -- order given, for steps on the same day
  kind         TEXT NOT NULL CHECK (kind IN ('apprehension', 'admission', 'transfer', 'release', 'death')),
  at_kind      TEXT NOT NULL,           -- as events.date_kind
  at_from      TEXT,
  at_to        TEXT,
  at_time      TEXT,                    -- HH:MM when known
  place_id     INTEGER REFERENCES places(id),  -- where apprehended, admitted, released, died; a transfer's destination
  authority    TEXT,                    -- 17(3)(b)(e)(h): who deprived, runs the place, transfers, releases
  ordered_by   TEXT,                    -- 17(3)(c): the authority that ordered it
  grounds      TEXT,                    -- 17(3)(c)
  supervising  TEXT,                    -- 17(3)(d)
  registered   INTEGER CHECK (registered IN (0, 1)),  -- admissions: entered in an official register (NULL: not known)
  cause        TEXT,                    -- 17(3)(g): death
  remains      TEXT,                    -- 17(3)(g): destination of the remains
  notes_sealed TEXT                     -- 17(3)(f): physical integrity, circumstances
);
CREATE INDEX custody_person ON custody_steps(person_id, at_from, position);

-- Medical documentation after the Istanbul Protocol (2022 edition).
CREATE TABLE medical_exams (
  id               INTEGER PRIMARY KEY,
  case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  person_id        INTEGER NOT NULL REFERENCES persons(id),
  examined         TEXT NOT NULL,       -- YYYY-MM-DD
  consent          TEXT NOT NULL CHECK (consent IN ('given', 'refused')),
  examiner_sealed  TEXT NOT NULL,       -- who examined: sealed (examiners are at risk too)
  examiner_role    TEXT NOT NULL,       -- "independent forensic physician"
  notes_sealed     TEXT
);

CREATE TABLE medical_findings (
  id                  INTEGER PRIMARY KEY,
  exam_id             INTEGER NOT NULL REFERENCES medical_exams(id) ON DELETE CASCADE,
  location            TEXT NOT NULL,    -- data/case-vocabulary.json body_locations
  description_sealed  TEXT NOT NULL,
  grade               TEXT NOT NULL,    -- not-consistent | consistent | highly-consistent | typical | diagnostic
  method              TEXT NOT NULL,    -- the method alleged (data/methods.json)
  act_id              INTEGER REFERENCES acts(id)
);

-- Which source says each fact, and how reliable the officer judges it.
CREATE TABLE fact_sources (
  case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  fact_kind    TEXT NOT NULL CHECK (fact_kind IN ('event', 'act', 'custody', 'medical')),
  fact_id      INTEGER NOT NULL,
  source_id    INTEGER NOT NULL REFERENCES sources(id),
  reliability  TEXT NOT NULL,           -- data/case-vocabulary.json reliability
  PRIMARY KEY (fact_kind, fact_id, source_id)
);
CREATE INDEX fact_sources_case ON fact_sources(case_id);

-- The drafts made from a case (rapporteur case draft): which letter tells
-- which case, without putting the case in the letter.
CREATE TABLE case_communications (
  case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  communication_id  INTEGER NOT NULL REFERENCES communications(id) ON DELETE CASCADE,
  created_at        TEXT NOT NULL,
  PRIMARY KEY (case_id, communication_id)
);
