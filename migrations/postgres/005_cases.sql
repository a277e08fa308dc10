-- 005: allegations as data, for PostgreSQL (migrations/sqlite/
-- 005_cases.sql says what each table and column is for; *_sealed columns
-- hold only ciphertexts).

CREATE TABLE privacy_keys (
  key_id      TEXT PRIMARY KEY,
  status      TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at  TEXT NOT NULL,
  retired_at  TEXT
);

CREATE TABLE sources (
  id               BIGINT PRIMARY KEY,
  kind             TEXT NOT NULL,
  identity_sealed  TEXT NOT NULL,
  contact_sealed   TEXT,
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE TRIGGER sources_id BEFORE INSERT ON sources FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE cases (
  id          BIGINT PRIMARY KEY,
  title       TEXT NOT NULL,
  country     TEXT NOT NULL REFERENCES countries(alpha3) DEFERRABLE,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  notes_sealed TEXT,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE TRIGGER cases_id BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE submissions (
  id              BIGINT PRIMARY KEY,
  source_id       BIGINT NOT NULL REFERENCES sources(id) DEFERRABLE,
  received        TEXT NOT NULL,
  language        TEXT NOT NULL,
  urgency         TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent')),
  country         TEXT REFERENCES countries(alpha3) DEFERRABLE,
  subject         TEXT,
  incident_kind   TEXT,
  incident_from   TEXT,
  incident_to     TEXT,
  narrative_sealed TEXT,
  notes_sealed    TEXT,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'admissible', 'inadmissible')),
  decision_reason TEXT,
  decided_by      TEXT,
  decided_at      TEXT,
  case_id         BIGINT REFERENCES cases(id) DEFERRABLE,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  CHECK (status = 'pending' OR (decision_reason IS NOT NULL AND decided_by IS NOT NULL))
);
CREATE TRIGGER submissions_id BEFORE INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX submissions_status ON submissions(status, id);
CREATE INDEX submissions_case ON submissions(case_id);

CREATE TABLE submission_mandates (
  submission_id  BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE DEFERRABLE,
  mandate        TEXT NOT NULL REFERENCES mandates(slug) DEFERRABLE,
  score          BIGINT NOT NULL,
  evidence       TEXT NOT NULL,
  PRIMARY KEY (submission_id, mandate)
);

CREATE TABLE persons (
  id              BIGINT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('person', 'group')),
  name_sealed     TEXT,
  contact_sealed  TEXT,
  notes_sealed    TEXT,
  consent_named   BIGINT NOT NULL CHECK (consent_named IN (0, 1)),
  sex             TEXT,
  age             BIGINT,
  profiles        TEXT,
  group_count     BIGINT,
  group_description TEXT,
  merged_into     BIGINT REFERENCES persons(id) DEFERRABLE,
  created_at      TEXT NOT NULL,
  CHECK (kind = 'group' OR name_sealed IS NOT NULL),
  CHECK (kind = 'person' OR (group_count > 0 AND group_description IS NOT NULL))
);
CREATE TRIGGER persons_id BEFORE INSERT ON persons FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE person_name_index (
  person_id  BIGINT NOT NULL REFERENCES persons(id) ON DELETE CASCADE DEFERRABLE,
  token      TEXT NOT NULL,
  PRIMARY KEY (token, person_id)
);

CREATE TABLE submission_victims (
  submission_id  BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE DEFERRABLE,
  position       BIGINT NOT NULL,
  person_id      BIGINT NOT NULL REFERENCES persons(id) DEFERRABLE,
  PRIMARY KEY (submission_id, position)
);

CREATE TABLE duplicate_decisions (
  submission_id  BIGINT NOT NULL REFERENCES submissions(id) ON DELETE CASCADE DEFERRABLE,
  target_kind    TEXT NOT NULL CHECK (target_kind IN ('person', 'case')),
  target_id      BIGINT NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('linked', 'apart')),
  decided_by     TEXT NOT NULL,
  decided_at     TEXT NOT NULL,
  PRIMARY KEY (submission_id, target_kind, target_id)
);

-- Listed in the order the victims were added: SQLite's rowid, here a
-- column of that name.
CREATE TABLE case_victims (
  case_id    BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  person_id  BIGINT NOT NULL REFERENCES persons(id) DEFERRABLE,
  label      TEXT NOT NULL,
  rowid      BIGINT NOT NULL,
  PRIMARY KEY (case_id, person_id),
  UNIQUE (case_id, label)
);
CREATE TRIGGER case_victims_rowid BEFORE INSERT ON case_victims
  FOR EACH ROW EXECUTE FUNCTION rapporteur_next_rowid();

CREATE TABLE places (
  id         BIGINT PRIMARY KEY,
  case_id    BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  official   BIGINT NOT NULL CHECK (official IN (0, 1)),
  locality   TEXT,
  authority  TEXT
);
CREATE TRIGGER places_id BEFORE INSERT ON places FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE perpetrators (
  id           BIGINT PRIMARY KEY,
  case_id      BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  kind         TEXT NOT NULL,
  unit         TEXT,
  role         TEXT,
  name_sealed  TEXT
);
CREATE TRIGGER perpetrators_id BEFORE INSERT ON perpetrators FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE events (
  id          BIGINT PRIMARY KEY,
  case_id     BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  date_kind   TEXT NOT NULL,
  date_from   TEXT,
  date_to     TEXT,
  place_id    BIGINT REFERENCES places(id) DEFERRABLE,
  summary     TEXT NOT NULL
);
CREATE TRIGGER events_id BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX events_case ON events(case_id, date_from);

CREATE TABLE acts (
  id              BIGINT PRIMARY KEY,
  event_id        BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE DEFERRABLE,
  victim_id       BIGINT NOT NULL REFERENCES persons(id) DEFERRABLE,
  type            TEXT NOT NULL,
  method          TEXT,
  perpetrator_id  BIGINT REFERENCES perpetrators(id) DEFERRABLE
);
CREATE TRIGGER acts_id BEFORE INSERT ON acts FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX acts_event ON acts(event_id);

CREATE TABLE custody_steps (
  id           BIGINT PRIMARY KEY,
  case_id      BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  person_id    BIGINT NOT NULL REFERENCES persons(id) DEFERRABLE,
  position     BIGINT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('apprehension', 'admission', 'transfer', 'release', 'death')),
  at_kind      TEXT NOT NULL,
  at_from      TEXT,
  at_to        TEXT,
  at_time      TEXT,
  place_id     BIGINT REFERENCES places(id) DEFERRABLE,
  authority    TEXT,
  ordered_by   TEXT,
  grounds      TEXT,
  supervising  TEXT,
  registered   BIGINT CHECK (registered IN (0, 1)),
  cause        TEXT,
  remains      TEXT,
  notes_sealed TEXT
);
CREATE TRIGGER custody_steps_id BEFORE INSERT ON custody_steps FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX custody_person ON custody_steps(person_id, at_from, position);

CREATE TABLE medical_exams (
  id               BIGINT PRIMARY KEY,
  case_id          BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  person_id        BIGINT NOT NULL REFERENCES persons(id) DEFERRABLE,
  examined         TEXT NOT NULL,
  consent          TEXT NOT NULL CHECK (consent IN ('given', 'refused')),
  examiner_sealed  TEXT NOT NULL,
  examiner_role    TEXT NOT NULL,
  notes_sealed     TEXT
);
CREATE TRIGGER medical_exams_id BEFORE INSERT ON medical_exams FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE medical_findings (
  id                  BIGINT PRIMARY KEY,
  exam_id             BIGINT NOT NULL REFERENCES medical_exams(id) ON DELETE CASCADE DEFERRABLE,
  location            TEXT NOT NULL,
  description_sealed  TEXT NOT NULL,
  grade               TEXT NOT NULL,
  method              TEXT NOT NULL,
  act_id              BIGINT REFERENCES acts(id) DEFERRABLE
);
CREATE TRIGGER medical_findings_id BEFORE INSERT ON medical_findings FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE fact_sources (
  case_id      BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  fact_kind    TEXT NOT NULL CHECK (fact_kind IN ('event', 'act', 'custody', 'medical')),
  fact_id      BIGINT NOT NULL,
  source_id    BIGINT NOT NULL REFERENCES sources(id) DEFERRABLE,
  reliability  TEXT NOT NULL,
  PRIMARY KEY (fact_kind, fact_id, source_id)
);
CREATE INDEX fact_sources_case ON fact_sources(case_id);

CREATE TABLE case_communications (
  case_id           BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE,
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  created_at        TEXT NOT NULL,
  PRIMARY KEY (case_id, communication_id)
);
