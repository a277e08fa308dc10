-- 007: figures as records, and situations, for PostgreSQL (migrations/
-- sqlite/007_figures.sql says what each column is for).

CREATE TABLE figure_records (
  id                BIGINT PRIMARY KEY,
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  reply_id          BIGINT REFERENCES replies(id) ON DELETE CASCADE DEFERRABLE,
  passage           TEXT NOT NULL,
  occurrence        BIGINT NOT NULL,
  value             DOUBLE PRECISION NOT NULL,
  unit              TEXT,
  category          TEXT,
  as_of             TEXT,
  as_of_basis       TEXT NOT NULL,
  source            TEXT NOT NULL,
  source_words      TEXT,
  evidence          TEXT,
  proposed          TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'proposed'
                    CHECK (status IN ('proposed', 'confirmed', 'rejected')),
  decided_by        TEXT,
  decided_at        TEXT,
  note              TEXT,
  created_at        TEXT NOT NULL
);
CREATE TRIGGER figure_records_id BEFORE INSERT ON figure_records FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE UNIQUE INDEX figure_records_identity
  ON figure_records(communication_id, coalesce(reply_id, 0), passage, occurrence);
CREATE INDEX figure_records_category ON figure_records(category, as_of);
CREATE INDEX figure_records_status ON figure_records(status);

CREATE TABLE figure_documents (
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  reply_id          BIGINT REFERENCES replies(id) ON DELETE CASCADE DEFERRABLE,
  version           TEXT NOT NULL,
  read_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX figure_documents_document ON figure_documents(communication_id, coalesce(reply_id, 0));

CREATE TABLE situations (
  id           BIGINT PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,
  title        TEXT NOT NULL,
  country      TEXT REFERENCES countries(alpha3) DEFERRABLE,
  period_from  TEXT,
  period_to    TEXT,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE TRIGGER situations_id BEFORE INSERT ON situations FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE situation_communications (
  situation_id      BIGINT NOT NULL REFERENCES situations(id) ON DELETE CASCADE DEFERRABLE,
  communication_id  BIGINT NOT NULL REFERENCES communications(id) ON DELETE CASCADE DEFERRABLE,
  linked_by         TEXT NOT NULL,
  linked_at         TEXT NOT NULL,
  PRIMARY KEY (situation_id, communication_id)
);
CREATE INDEX situation_communications_communication ON situation_communications(communication_id);
