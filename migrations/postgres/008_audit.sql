-- 008: the audit log, for PostgreSQL: what migrations/sqlite/008_audit.sql
-- makes (read it first: what is logged, the chain, the digests), in
-- PostgreSQL's terms, entry for entry the same, so that `rapporteur audit
-- verify` (src/store/audit.c) reads either store alike and a store moved
-- by `rapporteur migrate` keeps a chain that still verifies.
--
-- * rapporteur_sha256(VARIADIC text[]) is SQLite's function in SQL: each
--   argument "~" when NULL, else its length in bytes, ":" and its text;
--   the views give it every column as text (integers in decimal, as
--   SQLite writes them; no audited column is a real).
-- * rapporteur_actor() reads the session's rapporteur.actor, which the
--   driver sets (db_set_actor()).
-- * audit_append() is SQLite's INSTEAD OF trigger on the audit_append
--   view; it takes the writers' lock (src/store/db.c), so that two
--   sessions never append after the same entry.
-- * one trigger function, audit_row_changed(key columns...), logs an
--   insert, an update that changes the digest, or a delete of any audited
--   table, through that table's audit_rows_ view.
-- * the log refuses UPDATE, DELETE and TRUNCATE, and an entry that does
--   not follow the last.

CREATE FUNCTION rapporteur_sha256(VARIADIC parts text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(string_agg(CASE WHEN p IS NULL THEN '~' ELSE octet_length(p) || ':' || p END,
                                                      '' ORDER BY i), ''), 'UTF8')), 'hex')
  FROM unnest(parts) WITH ORDINALITY AS u(p, i)
$$;

CREATE FUNCTION rapporteur_actor() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('rapporteur.actor', true), '')
$$;

CREATE TABLE audit_log (
  seq         BIGINT PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT,
  table_name  TEXT NOT NULL,
  row_key     TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'baseline')),
  digest      TEXT,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_row ON audit_log(table_name, row_key, seq);

CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit_log is append-only: an entry is never changed';
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: an entry is never deleted';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();

CREATE FUNCTION audit_log_chained() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS DISTINCT FROM (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
     OR NEW.prev_hash IS DISTINCT FROM coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64))
     OR NEW.hash IS DISTINCT FROM rapporteur_sha256(NEW.prev_hash, NEW.seq::text, NEW.at, NEW.actor, NEW.table_name,
                                                    NEW.row_key, NEW.op, NEW.digest) THEN
    RAISE EXCEPTION 'audit_log: a new entry must follow the last one (seq, prev_hash, hash)';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chained();

-- The one place entries are made.
CREATE FUNCTION audit_append(t text, k text, o text, d text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  now_at text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  who text := rapporteur_actor();
BEGIN
  PERFORM pg_advisory_xact_lock(1918988400);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_log ORDER BY seq DESC LIMIT 1;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  INSERT INTO audit_log(seq, at, actor, table_name, row_key, op, digest, prev_hash, hash)
    VALUES (last_seq + 1, now_at, who, t, k, o, d, last_hash,
            rapporteur_sha256(last_hash, (last_seq + 1)::text, now_at, who, t, k, o, d));
END $$;

-- The trigger of every audited table; its arguments are the table's key
-- columns, in the order its row_key joins them.
CREATE FUNCTION audit_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cond text;
  r record;
  last_digest text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM audit_append(TG_TABLE_NAME,
                         (SELECT string_agg(to_jsonb(OLD) ->> k, '/' ORDER BY i) FROM unnest(TG_ARGV) WITH ORDINALITY AS u(k, i)),
                         'delete', NULL);
    RETURN NULL;
  END IF;
  SELECT string_agg(format('%I = ($1).%I', k, k), ' AND ') INTO cond FROM unnest(TG_ARGV) AS u(k);
  EXECUTE format('SELECT row_key, digest FROM %I WHERE %s', 'audit_rows_' || TG_TABLE_NAME, cond) INTO r USING NEW;
  IF TG_OP = 'UPDATE' THEN
    SELECT l.digest INTO last_digest FROM audit_log l WHERE l.table_name = TG_TABLE_NAME AND l.row_key = r.row_key
      ORDER BY l.seq DESC LIMIT 1;
    IF r.digest IS NOT DISTINCT FROM last_digest THEN
      RETURN NULL; -- an update that changes nothing logs nothing
    END IF;
  END IF;
  PERFORM audit_append(TG_TABLE_NAME, r.row_key, lower(TG_OP), r.digest);
  RETURN NULL;
END $$;


CREATE VIEW audit_rows_communications(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(reference AS TEXT), CAST(slug AS TEXT), CAST(core AS TEXT), CAST(type AS TEXT), CAST(country AS TEXT), CAST(number AS TEXT), CAST(year AS TEXT), CAST(date AS TEXT), CAST(language AS TEXT), CAST(reply_deadline_days AS TEXT), CAST(reply_due AS TEXT), CAST(status AS TEXT), CAST(source_name AS TEXT), CAST(source_sha256 AS TEXT), CAST(body AS TEXT), CAST(record AS TEXT), CAST(created_at AS TEXT), CAST(updated_at AS TEXT), CAST(origin AS TEXT), CAST(draft AS TEXT), CAST(letter_md AS TEXT), CAST(procedure AS TEXT), CAST(publication_date AS TEXT), CAST(session AS TEXT), CAST(created_by AS TEXT), CAST(sent_by AS TEXT), CAST(search_key AS TEXT), CAST(search_facets AS TEXT))
  FROM communications;
CREATE TRIGGER audit_communications AFTER INSERT OR UPDATE OR DELETE ON communications
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('communications', row_key, 'baseline', digest) FROM audit_rows_communications ORDER BY id;

CREATE VIEW audit_rows_approvals(communication_id, mandate, row_key, digest) AS
  SELECT communication_id, mandate, communication_id || '/' || mandate,
    rapporteur_sha256(CAST(communication_id AS TEXT), CAST(mandate AS TEXT), CAST(approved_by AS TEXT), CAST(approved_at AS TEXT))
  FROM approvals;
CREATE TRIGGER audit_approvals AFTER INSERT OR UPDATE OR DELETE ON approvals
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('communication_id', 'mandate');
SELECT audit_append('approvals', row_key, 'baseline', digest) FROM audit_rows_approvals ORDER BY communication_id, mandate;

CREATE VIEW audit_rows_status_events(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(communication_id AS TEXT), CAST(from_status AS TEXT), CAST(to_status AS TEXT), CAST(actor AS TEXT), CAST(at AS TEXT), CAST(effective AS TEXT), CAST(note AS TEXT))
  FROM status_events;
CREATE TRIGGER audit_status_events AFTER INSERT OR UPDATE OR DELETE ON status_events
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('status_events', row_key, 'baseline', digest) FROM audit_rows_status_events ORDER BY id;

CREATE VIEW audit_rows_replies(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(communication_id AS TEXT), CAST(received AS TEXT), CAST(language AS TEXT), CAST(kind AS TEXT), CAST(source_name AS TEXT), CAST(source_sha256 AS TEXT), CAST(body AS TEXT), CAST(late AS TEXT), CAST(created_by AS TEXT), CAST(created_at AS TEXT))
  FROM replies;
CREATE TRIGGER audit_replies AFTER INSERT OR UPDATE OR DELETE ON replies
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('replies', row_key, 'baseline', digest) FROM audit_rows_replies ORDER BY id;

CREATE VIEW audit_rows_reply_answers(reply_id, question_n, row_key, digest) AS
  SELECT reply_id, question_n, reply_id || '/' || question_n,
    rapporteur_sha256(CAST(reply_id AS TEXT), CAST(question_n AS TEXT), CAST(suggested AS TEXT), CAST(evidence AS TEXT), CAST(reading AS TEXT), CAST(read_by AS TEXT), CAST(read_at AS TEXT))
  FROM reply_answers;
CREATE TRIGGER audit_reply_answers AFTER INSERT OR UPDATE OR DELETE ON reply_answers
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('reply_id', 'question_n');
SELECT audit_append('reply_answers', row_key, 'baseline', digest) FROM audit_rows_reply_answers ORDER BY reply_id, question_n;

CREATE VIEW audit_rows_users(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(name AS TEXT), CAST(password_hash AS TEXT), CAST(roles AS TEXT), CAST(mandate AS TEXT), CAST(created_at AS TEXT), CAST(disabled AS TEXT))
  FROM users;
CREATE TRIGGER audit_users AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('users', row_key, 'baseline', digest) FROM audit_rows_users ORDER BY id;

CREATE VIEW audit_rows_privacy_keys(key_id, row_key, digest) AS
  SELECT key_id, CAST(key_id AS TEXT),
    rapporteur_sha256(CAST(key_id AS TEXT), CAST(status AS TEXT), CAST(created_at AS TEXT), CAST(retired_at AS TEXT))
  FROM privacy_keys;
CREATE TRIGGER audit_privacy_keys AFTER INSERT OR UPDATE OR DELETE ON privacy_keys
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('key_id');
SELECT audit_append('privacy_keys', row_key, 'baseline', digest) FROM audit_rows_privacy_keys ORDER BY key_id;

CREATE VIEW audit_rows_sources(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(kind AS TEXT), CAST(identity_sealed AS TEXT), CAST(contact_sealed AS TEXT), CAST(created_by AS TEXT), CAST(created_at AS TEXT))
  FROM sources;
CREATE TRIGGER audit_sources AFTER INSERT OR UPDATE OR DELETE ON sources
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('sources', row_key, 'baseline', digest) FROM audit_rows_sources ORDER BY id;

CREATE VIEW audit_rows_cases(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(title AS TEXT), CAST(country AS TEXT), CAST(status AS TEXT), CAST(notes_sealed AS TEXT), CAST(created_by AS TEXT), CAST(created_at AS TEXT))
  FROM cases;
CREATE TRIGGER audit_cases AFTER INSERT OR UPDATE OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('cases', row_key, 'baseline', digest) FROM audit_rows_cases ORDER BY id;

CREATE VIEW audit_rows_submissions(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(source_id AS TEXT), CAST(received AS TEXT), CAST(language AS TEXT), CAST(urgency AS TEXT), CAST(country AS TEXT), CAST(subject AS TEXT), CAST(incident_kind AS TEXT), CAST(incident_from AS TEXT), CAST(incident_to AS TEXT), CAST(narrative_sealed AS TEXT), CAST(notes_sealed AS TEXT), CAST(status AS TEXT), CAST(decision_reason AS TEXT), CAST(decided_by AS TEXT), CAST(decided_at AS TEXT), CAST(case_id AS TEXT), CAST(created_by AS TEXT), CAST(created_at AS TEXT))
  FROM submissions;
CREATE TRIGGER audit_submissions AFTER INSERT OR UPDATE OR DELETE ON submissions
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('submissions', row_key, 'baseline', digest) FROM audit_rows_submissions ORDER BY id;

CREATE VIEW audit_rows_submission_mandates(submission_id, mandate, row_key, digest) AS
  SELECT submission_id, mandate, submission_id || '/' || mandate,
    rapporteur_sha256(CAST(submission_id AS TEXT), CAST(mandate AS TEXT), CAST(score AS TEXT), CAST(evidence AS TEXT))
  FROM submission_mandates;
CREATE TRIGGER audit_submission_mandates AFTER INSERT OR UPDATE OR DELETE ON submission_mandates
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('submission_id', 'mandate');
SELECT audit_append('submission_mandates', row_key, 'baseline', digest) FROM audit_rows_submission_mandates ORDER BY submission_id, mandate;

CREATE VIEW audit_rows_persons(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(kind AS TEXT), CAST(name_sealed AS TEXT), CAST(contact_sealed AS TEXT), CAST(notes_sealed AS TEXT), CAST(consent_named AS TEXT), CAST(sex AS TEXT), CAST(age AS TEXT), CAST(profiles AS TEXT), CAST(group_count AS TEXT), CAST(group_description AS TEXT), CAST(merged_into AS TEXT), CAST(created_at AS TEXT))
  FROM persons;
CREATE TRIGGER audit_persons AFTER INSERT OR UPDATE OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('persons', row_key, 'baseline', digest) FROM audit_rows_persons ORDER BY id;

CREATE VIEW audit_rows_person_name_index(token, person_id, row_key, digest) AS
  SELECT token, person_id, token || '/' || person_id,
    rapporteur_sha256(CAST(person_id AS TEXT), CAST(token AS TEXT))
  FROM person_name_index;
CREATE TRIGGER audit_person_name_index AFTER INSERT OR UPDATE OR DELETE ON person_name_index
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('token', 'person_id');
SELECT audit_append('person_name_index', row_key, 'baseline', digest) FROM audit_rows_person_name_index ORDER BY token, person_id;

CREATE VIEW audit_rows_submission_victims(submission_id, position, row_key, digest) AS
  SELECT submission_id, position, submission_id || '/' || position,
    rapporteur_sha256(CAST(submission_id AS TEXT), CAST(position AS TEXT), CAST(person_id AS TEXT))
  FROM submission_victims;
CREATE TRIGGER audit_submission_victims AFTER INSERT OR UPDATE OR DELETE ON submission_victims
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('submission_id', 'position');
SELECT audit_append('submission_victims', row_key, 'baseline', digest) FROM audit_rows_submission_victims ORDER BY submission_id, position;

CREATE VIEW audit_rows_duplicate_decisions(submission_id, target_kind, target_id, row_key, digest) AS
  SELECT submission_id, target_kind, target_id, submission_id || '/' || target_kind || '/' || target_id,
    rapporteur_sha256(CAST(submission_id AS TEXT), CAST(target_kind AS TEXT), CAST(target_id AS TEXT), CAST(decision AS TEXT), CAST(decided_by AS TEXT), CAST(decided_at AS TEXT))
  FROM duplicate_decisions;
CREATE TRIGGER audit_duplicate_decisions AFTER INSERT OR UPDATE OR DELETE ON duplicate_decisions
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('submission_id', 'target_kind', 'target_id');
SELECT audit_append('duplicate_decisions', row_key, 'baseline', digest) FROM audit_rows_duplicate_decisions ORDER BY submission_id, target_kind, target_id;

CREATE VIEW audit_rows_case_victims(case_id, person_id, row_key, digest) AS
  SELECT case_id, person_id, case_id || '/' || person_id,
    rapporteur_sha256(CAST(case_id AS TEXT), CAST(person_id AS TEXT), CAST(label AS TEXT))
  FROM case_victims;
CREATE TRIGGER audit_case_victims AFTER INSERT OR UPDATE OR DELETE ON case_victims
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('case_id', 'person_id');
SELECT audit_append('case_victims', row_key, 'baseline', digest) FROM audit_rows_case_victims ORDER BY case_id, person_id;

CREATE VIEW audit_rows_places(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(case_id AS TEXT), CAST(name AS TEXT), CAST(kind AS TEXT), CAST(official AS TEXT), CAST(locality AS TEXT), CAST(authority AS TEXT))
  FROM places;
CREATE TRIGGER audit_places AFTER INSERT OR UPDATE OR DELETE ON places
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('places', row_key, 'baseline', digest) FROM audit_rows_places ORDER BY id;

CREATE VIEW audit_rows_perpetrators(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(case_id AS TEXT), CAST(kind AS TEXT), CAST(unit AS TEXT), CAST(role AS TEXT), CAST(name_sealed AS TEXT))
  FROM perpetrators;
CREATE TRIGGER audit_perpetrators AFTER INSERT OR UPDATE OR DELETE ON perpetrators
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('perpetrators', row_key, 'baseline', digest) FROM audit_rows_perpetrators ORDER BY id;

CREATE VIEW audit_rows_events(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(case_id AS TEXT), CAST(date_kind AS TEXT), CAST(date_from AS TEXT), CAST(date_to AS TEXT), CAST(place_id AS TEXT), CAST(summary AS TEXT))
  FROM events;
CREATE TRIGGER audit_events AFTER INSERT OR UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('events', row_key, 'baseline', digest) FROM audit_rows_events ORDER BY id;

CREATE VIEW audit_rows_acts(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(event_id AS TEXT), CAST(victim_id AS TEXT), CAST(type AS TEXT), CAST(method AS TEXT), CAST(perpetrator_id AS TEXT))
  FROM acts;
CREATE TRIGGER audit_acts AFTER INSERT OR UPDATE OR DELETE ON acts
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('acts', row_key, 'baseline', digest) FROM audit_rows_acts ORDER BY id;

CREATE VIEW audit_rows_custody_steps(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(case_id AS TEXT), CAST(person_id AS TEXT), CAST(position AS TEXT), CAST(kind AS TEXT), CAST(at_kind AS TEXT), CAST(at_from AS TEXT), CAST(at_to AS TEXT), CAST(at_time AS TEXT), CAST(place_id AS TEXT), CAST(authority AS TEXT), CAST(ordered_by AS TEXT), CAST(grounds AS TEXT), CAST(supervising AS TEXT), CAST(registered AS TEXT), CAST(cause AS TEXT), CAST(remains AS TEXT), CAST(notes_sealed AS TEXT))
  FROM custody_steps;
CREATE TRIGGER audit_custody_steps AFTER INSERT OR UPDATE OR DELETE ON custody_steps
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('custody_steps', row_key, 'baseline', digest) FROM audit_rows_custody_steps ORDER BY id;

CREATE VIEW audit_rows_medical_exams(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(case_id AS TEXT), CAST(person_id AS TEXT), CAST(examined AS TEXT), CAST(consent AS TEXT), CAST(examiner_sealed AS TEXT), CAST(examiner_role AS TEXT), CAST(notes_sealed AS TEXT))
  FROM medical_exams;
CREATE TRIGGER audit_medical_exams AFTER INSERT OR UPDATE OR DELETE ON medical_exams
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('medical_exams', row_key, 'baseline', digest) FROM audit_rows_medical_exams ORDER BY id;

CREATE VIEW audit_rows_medical_findings(id, row_key, digest) AS
  SELECT id, CAST(id AS TEXT),
    rapporteur_sha256(CAST(id AS TEXT), CAST(exam_id AS TEXT), CAST(location AS TEXT), CAST(description_sealed AS TEXT), CAST(grade AS TEXT), CAST(method AS TEXT), CAST(act_id AS TEXT))
  FROM medical_findings;
CREATE TRIGGER audit_medical_findings AFTER INSERT OR UPDATE OR DELETE ON medical_findings
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('id');
SELECT audit_append('medical_findings', row_key, 'baseline', digest) FROM audit_rows_medical_findings ORDER BY id;

CREATE VIEW audit_rows_fact_sources(fact_kind, fact_id, source_id, row_key, digest) AS
  SELECT fact_kind, fact_id, source_id, fact_kind || '/' || fact_id || '/' || source_id,
    rapporteur_sha256(CAST(case_id AS TEXT), CAST(fact_kind AS TEXT), CAST(fact_id AS TEXT), CAST(source_id AS TEXT), CAST(reliability AS TEXT))
  FROM fact_sources;
CREATE TRIGGER audit_fact_sources AFTER INSERT OR UPDATE OR DELETE ON fact_sources
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('fact_kind', 'fact_id', 'source_id');
SELECT audit_append('fact_sources', row_key, 'baseline', digest) FROM audit_rows_fact_sources ORDER BY fact_kind, fact_id, source_id;

CREATE VIEW audit_rows_case_communications(case_id, communication_id, row_key, digest) AS
  SELECT case_id, communication_id, case_id || '/' || communication_id,
    rapporteur_sha256(CAST(case_id AS TEXT), CAST(communication_id AS TEXT), CAST(created_at AS TEXT))
  FROM case_communications;
CREATE TRIGGER audit_case_communications AFTER INSERT OR UPDATE OR DELETE ON case_communications
  FOR EACH ROW EXECUTE FUNCTION audit_row_changed('case_id', 'communication_id');
SELECT audit_append('case_communications', row_key, 'baseline', digest) FROM audit_rows_case_communications ORDER BY case_id, communication_id;
