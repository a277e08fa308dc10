-- 004: the workspace's people, for PostgreSQL (migrations/sqlite/
-- 004_users.sql says what each part is for). A login name compares
-- without case, as SQLite's COLLATE NOCASE: citext, whose comparison
-- folds case as the database's ctype does (C: ASCII only, as NOCASE).
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
  id             BIGINT PRIMARY KEY,
  name           CITEXT NOT NULL UNIQUE,
  password_hash  TEXT NOT NULL,
  roles          BIGINT NOT NULL CHECK (roles BETWEEN 1 AND 7),
  mandate        TEXT REFERENCES mandates(slug) DEFERRABLE,
  created_at     TEXT NOT NULL,
  disabled       BIGINT NOT NULL DEFAULT 0,
  CHECK ((roles & 2) = 0 OR mandate IS NOT NULL),
  CHECK ((roles & 2) = 2 OR mandate IS NULL)
);
CREATE TRIGGER users_id BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
  csrf        TEXT NOT NULL,
  created     BIGINT NOT NULL,
  expires     BIGINT NOT NULL,
  last_seen   BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id      BIGINT PRIMARY KEY,
  name    TEXT NOT NULL,
  client  TEXT NOT NULL,
  at      BIGINT NOT NULL
);
CREATE TRIGGER login_attempts_id BEFORE INSERT ON login_attempts FOR EACH ROW EXECUTE FUNCTION rapporteur_next_id();
CREATE INDEX login_attempts_name ON login_attempts(name, at);
CREATE INDEX login_attempts_client ON login_attempts(client, at);

CREATE TABLE uploads (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
  name        TEXT NOT NULL,
  content     TEXT NOT NULL,
  created     BIGINT NOT NULL
);
