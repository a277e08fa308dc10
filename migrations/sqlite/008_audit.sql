-- 008: the audit log (docs/SECURITY.md). Every change to communications
-- (with their approvals and status events), replies (with their reading),
-- users, and the intake and case tables of 005 is written, by the
-- triggers below, to audit_log: an append-only list of entries, each
-- chained to the one before it by a SHA-256 hash, so that an entry edited,
-- inserted or deleted later is found by `rapporteur audit verify`
-- (src/store/audit.c), which recomputes the chain on its own.
--
-- rapporteur_sha256(x1, ..., xn) and rapporteur_actor() are SQL functions
-- the SQLite driver registers on every connection (src/store/db_sqlite.c):
--   rapporteur_sha256: SHA-256, in lower-case hex, of its arguments each
--     written as "~" when NULL, else as its byte length, ":", and its text
--     (integers in decimal): rapporteur_sha256('ab', NULL, 7) is the hash
--     of "2:ab~1:7". Lengths make the encoding unambiguous.
--   rapporteur_actor(): who the connection acts for (the CLI's --as or
--     $RAPPORTEUR_USER, the logged-in user of a web request), or NULL.
-- A plain sqlite3 shell has neither, so it cannot write an audited table
-- without first dropping the triggers, which `audit verify` then notices
-- as rows that no longer match their last entry.
--
-- What an entry keeps of a row is a digest of all its columns, never the
-- values: no name, source, note or password hash is ever copied here in
-- clear, only the hash of the row (whose confidential columns are sealed
-- ciphertexts to begin with, docs/PRIVACY.md).
--
-- An entry's hash is rapporteur_sha256(prev_hash, seq, at, actor,
-- table_name, row_key, op, digest): SHA-256 of the previous entry's hash
-- followed by the canonical entry. The first entry's prev_hash is 64 zeros.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,      -- 1, 2, 3, ...: consecutive, never reused
  at          TEXT NOT NULL,            -- wall-clock UTC, 2024-05-09T10:15:02.123Z
  actor       TEXT,                     -- who, when known
  table_name  TEXT NOT NULL,            -- "communications"
  row_key     TEXT NOT NULL,            -- the row's primary key; a composite key's parts joined by '/'
  op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'baseline')),
                                        -- baseline: a row that existed when the log began
  digest      TEXT,                     -- rapporteur_sha256 of the row's columns after the change; NULL for delete
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_row ON audit_log(table_name, row_key, seq);

-- Append-only: an entry is never changed or removed, and a new one must
-- follow the last (its seq, its prev_hash and its own hash).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an entry is never deleted');
END;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
  WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
    OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                     '0000000000000000000000000000000000000000000000000000000000000000')
    OR NEW.hash IS NOT rapporteur_sha256(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor, NEW.table_name,
                                         NEW.row_key, NEW.op, NEW.digest)
BEGIN
  SELECT RAISE(ABORT, 'audit_log: a new entry must follow the last one (seq, prev_hash, hash)');
END;

-- The one place entries are made: the tables' triggers insert (table,
-- row, operation, digest) here, and this fills in the rest. SQLite runs
-- one writer at a time, so the last entry read here is still the last
-- when the new one goes in.
CREATE VIEW audit_append(table_name, row_key, op, digest) AS
  SELECT NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER audit_append_insert INSTEAD OF INSERT ON audit_append BEGIN
  INSERT INTO audit_log(seq, at, actor, table_name, row_key, op, digest, prev_hash, hash)
    SELECT h.seq + 1, h.at, h.actor, NEW.table_name, NEW.row_key, NEW.op, NEW.digest, h.hash,
           rapporteur_sha256(h.hash, h.seq + 1, h.at, h.actor, NEW.table_name, NEW.row_key, NEW.op, NEW.digest)
    FROM (SELECT coalesce(l.seq, 0) AS seq,
                 coalesce(l.hash, '0000000000000000000000000000000000000000000000000000000000000000') AS hash,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, rapporteur_actor() AS actor
          FROM (SELECT 1) LEFT JOIN (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) l) h;
END;

-- Each audited table: a view giving every row's key and digest (what the
-- triggers log, and what `audit verify` compares the live rows with), and
-- three triggers. An update that changes nothing logs nothing. Rows held
-- before this migration get a 'baseline' entry. A later migration that
-- adds a column to one of these tables creates its view again.

-- communications and their workflow
CREATE VIEW audit_rows_communications(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, reference, slug, core, type, country, number, year, date, language, reply_deadline_days, reply_due, status, source_name, source_sha256, body, record, created_at, updated_at, origin, draft, letter_md, procedure, publication_date, session, created_by, sent_by, search_key, search_facets)
  FROM communications;
CREATE TRIGGER audit_communications_insert AFTER INSERT ON communications BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'communications', r.row_key, 'insert', r.digest FROM audit_rows_communications r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_communications_update AFTER UPDATE ON communications BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'communications', r.row_key, 'update', r.digest FROM audit_rows_communications r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'communications' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_communications_delete AFTER DELETE ON communications BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('communications', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'communications', row_key, 'baseline', digest FROM audit_rows_communications ORDER BY id;

CREATE VIEW audit_rows_approvals(communication_id, mandate, row_key, digest) AS
  SELECT communication_id, mandate, communication_id || '/' || mandate,
    rapporteur_sha256(communication_id, mandate, approved_by, approved_at)
  FROM approvals;
CREATE TRIGGER audit_approvals_insert AFTER INSERT ON approvals BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'approvals', r.row_key, 'insert', r.digest FROM audit_rows_approvals r WHERE r.communication_id = NEW.communication_id AND r.mandate = NEW.mandate;
END;
CREATE TRIGGER audit_approvals_update AFTER UPDATE ON approvals BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'approvals', r.row_key, 'update', r.digest FROM audit_rows_approvals r WHERE r.communication_id = NEW.communication_id AND r.mandate = NEW.mandate
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'approvals' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_approvals_delete AFTER DELETE ON approvals BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('approvals', OLD.communication_id || '/' || OLD.mandate, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'approvals', row_key, 'baseline', digest FROM audit_rows_approvals ORDER BY communication_id, mandate;

CREATE VIEW audit_rows_status_events(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, communication_id, from_status, to_status, actor, at, effective, note)
  FROM status_events;
CREATE TRIGGER audit_status_events_insert AFTER INSERT ON status_events BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'status_events', r.row_key, 'insert', r.digest FROM audit_rows_status_events r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_status_events_update AFTER UPDATE ON status_events BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'status_events', r.row_key, 'update', r.digest FROM audit_rows_status_events r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'status_events' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_status_events_delete AFTER DELETE ON status_events BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('status_events', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'status_events', row_key, 'baseline', digest FROM audit_rows_status_events ORDER BY id;

-- replies and their reading
CREATE VIEW audit_rows_replies(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, communication_id, received, language, kind, source_name, source_sha256, body, late, created_by, created_at)
  FROM replies;
CREATE TRIGGER audit_replies_insert AFTER INSERT ON replies BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'replies', r.row_key, 'insert', r.digest FROM audit_rows_replies r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_replies_update AFTER UPDATE ON replies BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'replies', r.row_key, 'update', r.digest FROM audit_rows_replies r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'replies' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_replies_delete AFTER DELETE ON replies BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('replies', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'replies', row_key, 'baseline', digest FROM audit_rows_replies ORDER BY id;

CREATE VIEW audit_rows_reply_answers(reply_id, question_n, row_key, digest) AS
  SELECT reply_id, question_n, reply_id || '/' || question_n,
    rapporteur_sha256(reply_id, question_n, suggested, evidence, reading, read_by, read_at)
  FROM reply_answers;
CREATE TRIGGER audit_reply_answers_insert AFTER INSERT ON reply_answers BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'reply_answers', r.row_key, 'insert', r.digest FROM audit_rows_reply_answers r WHERE r.reply_id = NEW.reply_id AND r.question_n = NEW.question_n;
END;
CREATE TRIGGER audit_reply_answers_update AFTER UPDATE ON reply_answers BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'reply_answers', r.row_key, 'update', r.digest FROM audit_rows_reply_answers r WHERE r.reply_id = NEW.reply_id AND r.question_n = NEW.question_n
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'reply_answers' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_reply_answers_delete AFTER DELETE ON reply_answers BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('reply_answers', OLD.reply_id || '/' || OLD.question_n, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'reply_answers', row_key, 'baseline', digest FROM audit_rows_reply_answers ORDER BY reply_id, question_n;

-- users
CREATE VIEW audit_rows_users(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, name, password_hash, roles, mandate, created_at, disabled)
  FROM users;
CREATE TRIGGER audit_users_insert AFTER INSERT ON users BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'users', r.row_key, 'insert', r.digest FROM audit_rows_users r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_users_update AFTER UPDATE ON users BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'users', r.row_key, 'update', r.digest FROM audit_rows_users r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'users' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_users_delete AFTER DELETE ON users BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('users', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'users', row_key, 'baseline', digest FROM audit_rows_users ORDER BY id;

-- intake and cases (005)
CREATE VIEW audit_rows_privacy_keys(key_id, row_key, digest) AS
  SELECT key_id, CAST(key_id AS TEXT),
    rapporteur_sha256(key_id, status, created_at, retired_at)
  FROM privacy_keys;
CREATE TRIGGER audit_privacy_keys_insert AFTER INSERT ON privacy_keys BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'privacy_keys', r.row_key, 'insert', r.digest FROM audit_rows_privacy_keys r WHERE r.key_id = NEW.key_id;
END;
CREATE TRIGGER audit_privacy_keys_update AFTER UPDATE ON privacy_keys BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'privacy_keys', r.row_key, 'update', r.digest FROM audit_rows_privacy_keys r WHERE r.key_id = NEW.key_id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'privacy_keys' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_privacy_keys_delete AFTER DELETE ON privacy_keys BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('privacy_keys', CAST(OLD.key_id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'privacy_keys', row_key, 'baseline', digest FROM audit_rows_privacy_keys ORDER BY key_id;

CREATE VIEW audit_rows_sources(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, kind, identity_sealed, contact_sealed, created_by, created_at)
  FROM sources;
CREATE TRIGGER audit_sources_insert AFTER INSERT ON sources BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'sources', r.row_key, 'insert', r.digest FROM audit_rows_sources r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_sources_update AFTER UPDATE ON sources BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'sources', r.row_key, 'update', r.digest FROM audit_rows_sources r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'sources' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_sources_delete AFTER DELETE ON sources BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('sources', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'sources', row_key, 'baseline', digest FROM audit_rows_sources ORDER BY id;

CREATE VIEW audit_rows_cases(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, title, country, status, notes_sealed, created_by, created_at)
  FROM cases;
CREATE TRIGGER audit_cases_insert AFTER INSERT ON cases BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'cases', r.row_key, 'insert', r.digest FROM audit_rows_cases r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_cases_update AFTER UPDATE ON cases BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'cases', r.row_key, 'update', r.digest FROM audit_rows_cases r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'cases' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_cases_delete AFTER DELETE ON cases BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('cases', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'cases', row_key, 'baseline', digest FROM audit_rows_cases ORDER BY id;

CREATE VIEW audit_rows_submissions(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, source_id, received, language, urgency, country, subject, incident_kind, incident_from, incident_to, narrative_sealed, notes_sealed, status, decision_reason, decided_by, decided_at, case_id, created_by, created_at)
  FROM submissions;
CREATE TRIGGER audit_submissions_insert AFTER INSERT ON submissions BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'submissions', r.row_key, 'insert', r.digest FROM audit_rows_submissions r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_submissions_update AFTER UPDATE ON submissions BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'submissions', r.row_key, 'update', r.digest FROM audit_rows_submissions r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'submissions' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_submissions_delete AFTER DELETE ON submissions BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('submissions', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'submissions', row_key, 'baseline', digest FROM audit_rows_submissions ORDER BY id;

CREATE VIEW audit_rows_submission_mandates(submission_id, mandate, row_key, digest) AS
  SELECT submission_id, mandate, submission_id || '/' || mandate,
    rapporteur_sha256(submission_id, mandate, score, evidence)
  FROM submission_mandates;
CREATE TRIGGER audit_submission_mandates_insert AFTER INSERT ON submission_mandates BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'submission_mandates', r.row_key, 'insert', r.digest FROM audit_rows_submission_mandates r WHERE r.submission_id = NEW.submission_id AND r.mandate = NEW.mandate;
END;
CREATE TRIGGER audit_submission_mandates_update AFTER UPDATE ON submission_mandates BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'submission_mandates', r.row_key, 'update', r.digest FROM audit_rows_submission_mandates r WHERE r.submission_id = NEW.submission_id AND r.mandate = NEW.mandate
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'submission_mandates' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_submission_mandates_delete AFTER DELETE ON submission_mandates BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('submission_mandates', OLD.submission_id || '/' || OLD.mandate, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'submission_mandates', row_key, 'baseline', digest FROM audit_rows_submission_mandates ORDER BY submission_id, mandate;

CREATE VIEW audit_rows_persons(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, kind, name_sealed, contact_sealed, notes_sealed, consent_named, sex, age, profiles, group_count, group_description, merged_into, created_at)
  FROM persons;
CREATE TRIGGER audit_persons_insert AFTER INSERT ON persons BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'persons', r.row_key, 'insert', r.digest FROM audit_rows_persons r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_persons_update AFTER UPDATE ON persons BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'persons', r.row_key, 'update', r.digest FROM audit_rows_persons r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'persons' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_persons_delete AFTER DELETE ON persons BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('persons', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'persons', row_key, 'baseline', digest FROM audit_rows_persons ORDER BY id;

CREATE VIEW audit_rows_person_name_index(token, person_id, row_key, digest) AS
  SELECT token, person_id, token || '/' || person_id,
    rapporteur_sha256(person_id, token)
  FROM person_name_index;
CREATE TRIGGER audit_person_name_index_insert AFTER INSERT ON person_name_index BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'person_name_index', r.row_key, 'insert', r.digest FROM audit_rows_person_name_index r WHERE r.token = NEW.token AND r.person_id = NEW.person_id;
END;
CREATE TRIGGER audit_person_name_index_update AFTER UPDATE ON person_name_index BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'person_name_index', r.row_key, 'update', r.digest FROM audit_rows_person_name_index r WHERE r.token = NEW.token AND r.person_id = NEW.person_id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'person_name_index' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_person_name_index_delete AFTER DELETE ON person_name_index BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('person_name_index', OLD.token || '/' || OLD.person_id, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'person_name_index', row_key, 'baseline', digest FROM audit_rows_person_name_index ORDER BY token, person_id;

CREATE VIEW audit_rows_submission_victims(submission_id, position, row_key, digest) AS
  SELECT submission_id, position, submission_id || '/' || position,
    rapporteur_sha256(submission_id, position, person_id)
  FROM submission_victims;
CREATE TRIGGER audit_submission_victims_insert AFTER INSERT ON submission_victims BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'submission_victims', r.row_key, 'insert', r.digest FROM audit_rows_submission_victims r WHERE r.submission_id = NEW.submission_id AND r.position = NEW.position;
END;
CREATE TRIGGER audit_submission_victims_update AFTER UPDATE ON submission_victims BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'submission_victims', r.row_key, 'update', r.digest FROM audit_rows_submission_victims r WHERE r.submission_id = NEW.submission_id AND r.position = NEW.position
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'submission_victims' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_submission_victims_delete AFTER DELETE ON submission_victims BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('submission_victims', OLD.submission_id || '/' || OLD.position, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'submission_victims', row_key, 'baseline', digest FROM audit_rows_submission_victims ORDER BY submission_id, position;

CREATE VIEW audit_rows_duplicate_decisions(submission_id, target_kind, target_id, row_key, digest) AS
  SELECT submission_id, target_kind, target_id, submission_id || '/' || target_kind || '/' || target_id,
    rapporteur_sha256(submission_id, target_kind, target_id, decision, decided_by, decided_at)
  FROM duplicate_decisions;
CREATE TRIGGER audit_duplicate_decisions_insert AFTER INSERT ON duplicate_decisions BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'duplicate_decisions', r.row_key, 'insert', r.digest FROM audit_rows_duplicate_decisions r WHERE r.submission_id = NEW.submission_id AND r.target_kind = NEW.target_kind AND r.target_id = NEW.target_id;
END;
CREATE TRIGGER audit_duplicate_decisions_update AFTER UPDATE ON duplicate_decisions BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'duplicate_decisions', r.row_key, 'update', r.digest FROM audit_rows_duplicate_decisions r WHERE r.submission_id = NEW.submission_id AND r.target_kind = NEW.target_kind AND r.target_id = NEW.target_id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'duplicate_decisions' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_duplicate_decisions_delete AFTER DELETE ON duplicate_decisions BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('duplicate_decisions', OLD.submission_id || '/' || OLD.target_kind || '/' || OLD.target_id, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'duplicate_decisions', row_key, 'baseline', digest FROM audit_rows_duplicate_decisions ORDER BY submission_id, target_kind, target_id;

CREATE VIEW audit_rows_case_victims(case_id, person_id, row_key, digest) AS
  SELECT case_id, person_id, case_id || '/' || person_id,
    rapporteur_sha256(case_id, person_id, label)
  FROM case_victims;
CREATE TRIGGER audit_case_victims_insert AFTER INSERT ON case_victims BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'case_victims', r.row_key, 'insert', r.digest FROM audit_rows_case_victims r WHERE r.case_id = NEW.case_id AND r.person_id = NEW.person_id;
END;
CREATE TRIGGER audit_case_victims_update AFTER UPDATE ON case_victims BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'case_victims', r.row_key, 'update', r.digest FROM audit_rows_case_victims r WHERE r.case_id = NEW.case_id AND r.person_id = NEW.person_id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'case_victims' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_case_victims_delete AFTER DELETE ON case_victims BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('case_victims', OLD.case_id || '/' || OLD.person_id, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'case_victims', row_key, 'baseline', digest FROM audit_rows_case_victims ORDER BY case_id, person_id;

CREATE VIEW audit_rows_places(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, case_id, name, kind, official, locality, authority)
  FROM places;
CREATE TRIGGER audit_places_insert AFTER INSERT ON places BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'places', r.row_key, 'insert', r.digest FROM audit_rows_places r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_places_update AFTER UPDATE ON places BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'places', r.row_key, 'update', r.digest FROM audit_rows_places r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'places' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_places_delete AFTER DELETE ON places BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('places', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'places', row_key, 'baseline', digest FROM audit_rows_places ORDER BY id;

CREATE VIEW audit_rows_perpetrators(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, case_id, kind, unit, role, name_sealed)
  FROM perpetrators;
CREATE TRIGGER audit_perpetrators_insert AFTER INSERT ON perpetrators BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'perpetrators', r.row_key, 'insert', r.digest FROM audit_rows_perpetrators r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_perpetrators_update AFTER UPDATE ON perpetrators BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'perpetrators', r.row_key, 'update', r.digest FROM audit_rows_perpetrators r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'perpetrators' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_perpetrators_delete AFTER DELETE ON perpetrators BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('perpetrators', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'perpetrators', row_key, 'baseline', digest FROM audit_rows_perpetrators ORDER BY id;

CREATE VIEW audit_rows_events(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, case_id, date_kind, date_from, date_to, place_id, summary)
  FROM events;
CREATE TRIGGER audit_events_insert AFTER INSERT ON events BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'events', r.row_key, 'insert', r.digest FROM audit_rows_events r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_events_update AFTER UPDATE ON events BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'events', r.row_key, 'update', r.digest FROM audit_rows_events r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'events' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_events_delete AFTER DELETE ON events BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('events', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'events', row_key, 'baseline', digest FROM audit_rows_events ORDER BY id;

CREATE VIEW audit_rows_acts(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, event_id, victim_id, type, method, perpetrator_id)
  FROM acts;
CREATE TRIGGER audit_acts_insert AFTER INSERT ON acts BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'acts', r.row_key, 'insert', r.digest FROM audit_rows_acts r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_acts_update AFTER UPDATE ON acts BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'acts', r.row_key, 'update', r.digest FROM audit_rows_acts r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'acts' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_acts_delete AFTER DELETE ON acts BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('acts', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'acts', row_key, 'baseline', digest FROM audit_rows_acts ORDER BY id;

CREATE VIEW audit_rows_custody_steps(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, case_id, person_id, position, kind, at_kind, at_from, at_to, at_time, place_id, authority, ordered_by, grounds, supervising, registered, cause, remains, notes_sealed)
  FROM custody_steps;
CREATE TRIGGER audit_custody_steps_insert AFTER INSERT ON custody_steps BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'custody_steps', r.row_key, 'insert', r.digest FROM audit_rows_custody_steps r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_custody_steps_update AFTER UPDATE ON custody_steps BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'custody_steps', r.row_key, 'update', r.digest FROM audit_rows_custody_steps r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'custody_steps' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_custody_steps_delete AFTER DELETE ON custody_steps BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('custody_steps', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'custody_steps', row_key, 'baseline', digest FROM audit_rows_custody_steps ORDER BY id;

CREATE VIEW audit_rows_medical_exams(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, case_id, person_id, examined, consent, examiner_sealed, examiner_role, notes_sealed)
  FROM medical_exams;
CREATE TRIGGER audit_medical_exams_insert AFTER INSERT ON medical_exams BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'medical_exams', r.row_key, 'insert', r.digest FROM audit_rows_medical_exams r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_medical_exams_update AFTER UPDATE ON medical_exams BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'medical_exams', r.row_key, 'update', r.digest FROM audit_rows_medical_exams r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'medical_exams' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_medical_exams_delete AFTER DELETE ON medical_exams BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('medical_exams', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'medical_exams', row_key, 'baseline', digest FROM audit_rows_medical_exams ORDER BY id;

CREATE VIEW audit_rows_medical_findings(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(id, exam_id, location, description_sealed, grade, method, act_id)
  FROM medical_findings;
CREATE TRIGGER audit_medical_findings_insert AFTER INSERT ON medical_findings BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'medical_findings', r.row_key, 'insert', r.digest FROM audit_rows_medical_findings r WHERE r.id = NEW.id;
END;
CREATE TRIGGER audit_medical_findings_update AFTER UPDATE ON medical_findings BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'medical_findings', r.row_key, 'update', r.digest FROM audit_rows_medical_findings r WHERE r.id = NEW.id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'medical_findings' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_medical_findings_delete AFTER DELETE ON medical_findings BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('medical_findings', CAST(OLD.id AS TEXT), 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'medical_findings', row_key, 'baseline', digest FROM audit_rows_medical_findings ORDER BY id;

CREATE VIEW audit_rows_fact_sources(fact_kind, fact_id, source_id, row_key, digest) AS
  SELECT fact_kind, fact_id, source_id, fact_kind || '/' || fact_id || '/' || source_id,
    rapporteur_sha256(case_id, fact_kind, fact_id, source_id, reliability)
  FROM fact_sources;
CREATE TRIGGER audit_fact_sources_insert AFTER INSERT ON fact_sources BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'fact_sources', r.row_key, 'insert', r.digest FROM audit_rows_fact_sources r WHERE r.fact_kind = NEW.fact_kind AND r.fact_id = NEW.fact_id AND r.source_id = NEW.source_id;
END;
CREATE TRIGGER audit_fact_sources_update AFTER UPDATE ON fact_sources BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'fact_sources', r.row_key, 'update', r.digest FROM audit_rows_fact_sources r WHERE r.fact_kind = NEW.fact_kind AND r.fact_id = NEW.fact_id AND r.source_id = NEW.source_id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'fact_sources' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_fact_sources_delete AFTER DELETE ON fact_sources BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('fact_sources', OLD.fact_kind || '/' || OLD.fact_id || '/' || OLD.source_id, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'fact_sources', row_key, 'baseline', digest FROM audit_rows_fact_sources ORDER BY fact_kind, fact_id, source_id;

CREATE VIEW audit_rows_case_communications(case_id, communication_id, row_key, digest) AS
  SELECT case_id, communication_id, case_id || '/' || communication_id,
    rapporteur_sha256(case_id, communication_id, created_at)
  FROM case_communications;
CREATE TRIGGER audit_case_communications_insert AFTER INSERT ON case_communications BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'case_communications', r.row_key, 'insert', r.digest FROM audit_rows_case_communications r WHERE r.case_id = NEW.case_id AND r.communication_id = NEW.communication_id;
END;
CREATE TRIGGER audit_case_communications_update AFTER UPDATE ON case_communications BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest)
    SELECT 'case_communications', r.row_key, 'update', r.digest FROM audit_rows_case_communications r WHERE r.case_id = NEW.case_id AND r.communication_id = NEW.communication_id
      AND r.digest IS NOT (SELECT l.digest FROM audit_log l WHERE l.table_name = 'case_communications' AND l.row_key = r.row_key
                           ORDER BY l.seq DESC LIMIT 1);
END;
CREATE TRIGGER audit_case_communications_delete AFTER DELETE ON case_communications BEGIN
  INSERT INTO audit_append(table_name, row_key, op, digest) VALUES ('case_communications', OLD.case_id || '/' || OLD.communication_id, 'delete', NULL);
END;
INSERT INTO audit_append(table_name, row_key, op, digest)
  SELECT 'case_communications', row_key, 'baseline', digest FROM audit_rows_case_communications ORDER BY case_id, communication_id;

