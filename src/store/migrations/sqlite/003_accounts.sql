-- 003: accounts (users, login sessions, API tokens, per-role settings) and the audit trail.
-- Times are milliseconds since the Unix epoch, UTC. Secrets are stored only as hashes:
-- password_hash (argon2id), sessions.id_hash and api_tokens.token_hash (SHA-256 of a
-- 256-bit random value). Users are disabled, never deleted, so the audit trail keeps
-- naming who acted.
CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT    NOT NULL UNIQUE,
  display_name         TEXT    NOT NULL,
  role                 TEXT    NOT NULL,
  organisation         TEXT    NOT NULL,
  municipality         TEXT    NOT NULL DEFAULT '',
  password_hash        TEXT    NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  totp_secret          TEXT    NOT NULL DEFAULT '',
  totp_last_step       INTEGER,
  disabled             INTEGER NOT NULL DEFAULT 0,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);

CREATE TABLE sessions (
  id_hash      TEXT    PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id),
  csrf_token   TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  token_hash TEXT    NOT NULL UNIQUE,
  hint       TEXT    NOT NULL,
  label      TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE role_settings (
  role          TEXT    PRIMARY KEY,
  totp_required INTEGER NOT NULL DEFAULT 0
);

-- Append-only; the store never updates or deletes a row here (retention removes only from
-- the start and keeps an anchor in audit_anchor).
CREATE TABLE audit_log (
  seq            INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor          TEXT    NOT NULL,
  on_behalf_of   TEXT    NOT NULL,
  role           TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  object_type    TEXT    NOT NULL,
  object_id      TEXT    NOT NULL,
  purpose        TEXT    NOT NULL,
  remote_address TEXT    NOT NULL,
  outcome        TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL
);
-- The last entry removed by retention (one row), so the rest of the chain still verifies.
CREATE TABLE audit_anchor (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_object ON audit_log (object_type, object_id, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
