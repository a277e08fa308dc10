-- 004: the workspace's people. Users with roles, their sessions, the
-- login attempts that limit password guessing, and letter files uploaded
-- and awaiting an officer's confirmation. See docs/WORKSPACE.md.
--
-- Times here are Unix seconds (wall clock), not the workflow's settable
-- "today": a session expires in real time whatever day a test replays.

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- the login name: letters, digits, . _ @ -
  password_hash  TEXT NOT NULL,              -- Argon2id, libsodium's "$argon2id$v=19$..." string
  roles          INTEGER NOT NULL            -- bits: 1 officer, 2 mandate holder, 4 administrator
                 CHECK (roles BETWEEN 1 AND 7),
  mandate        TEXT REFERENCES mandates(slug),  -- the mandate a holder holds (and only a holder)
  created_at     TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,  -- a disabled user cannot log in; sessions are ended
  CHECK ((roles & 2) = 0 OR mandate IS NOT NULL),
  CHECK ((roles & 2) = 2 OR mandate IS NULL)
);

-- A session is a random 256-bit token in the browser's cookie; only its
-- hash is stored, so a copy of the database opens no session.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,              -- BLAKE2b-256 of the cookie's token, hex
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf        TEXT NOT NULL,                 -- the token every state-changing form carries
  created     INTEGER NOT NULL,
  expires     INTEGER NOT NULL,              -- the latest it can live, however active
  last_seen   INTEGER NOT NULL               -- idle sessions end (src/web/auth.c)
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins, counted per name and per client address over a window.
CREATE TABLE login_attempts (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  client  TEXT NOT NULL,
  at      INTEGER NOT NULL
);
CREATE INDEX login_attempts_name ON login_attempts(name, at);
CREATE INDEX login_attempts_client ON login_attempts(client, at);

-- A letter file uploaded to the workspace, parsed and shown to the officer
-- who uploaded it, stored as a communication only when they confirm.
CREATE TABLE uploads (
  token_hash  TEXT PRIMARY KEY,              -- hash of the random token the confirmation form carries
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,                 -- the file's name as uploaded (folders removed)
  content     TEXT NOT NULL,                 -- the file's bytes, hex (a PDF holds NUL bytes)
  created     INTEGER NOT NULL
);
