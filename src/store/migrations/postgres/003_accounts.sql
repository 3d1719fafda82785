-- 003 (PostgreSQL; the same tables as migrations/sqlite/003_accounts.sql): accounts (users, login sessions, API tokens, per-role settings) and the audit trail.
-- Times are milliseconds since the Unix epoch, UTC. Secrets are stored only as hashes:
-- password_hash (argon2id), sessions.id_hash and api_tokens.token_hash (SHA-256 of a
-- 256-bit random value). Users are disabled, never deleted, so the audit trail keeps
-- naming who acted.
CREATE TABLE users (
  id                   BIGSERIAL PRIMARY KEY,
  username             TEXT    NOT NULL UNIQUE,
  display_name         TEXT    NOT NULL,
  role                 TEXT    NOT NULL,
  organisation         TEXT    NOT NULL,
  municipality         TEXT    NOT NULL DEFAULT '',
  password_hash        TEXT    NOT NULL,
  must_change_password BIGINT  NOT NULL DEFAULT 0,
  totp_secret          TEXT    NOT NULL DEFAULT '',
  totp_last_step       BIGINT,
  disabled             BIGINT  NOT NULL DEFAULT 0,
  version              BIGINT  NOT NULL DEFAULT 1,
  created_at           BIGINT  NOT NULL,
  updated_at           BIGINT  NOT NULL
);

CREATE TABLE sessions (
  id_hash      TEXT    PRIMARY KEY,
  user_id      BIGINT  NOT NULL REFERENCES users (id),
  csrf_token   TEXT    NOT NULL,
  created_at   BIGINT  NOT NULL,
  last_seen_at BIGINT  NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id         BIGSERIAL PRIMARY KEY,
  user_id    BIGINT  NOT NULL REFERENCES users (id),
  token_hash TEXT    NOT NULL UNIQUE,
  hint       TEXT    NOT NULL,
  label      TEXT    NOT NULL DEFAULT '',
  created_at BIGINT  NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE role_settings (
  role          TEXT    PRIMARY KEY,
  totp_required BIGINT  NOT NULL DEFAULT 0
);

-- Append-only; the store never updates or deletes a row here (retention removes only from
-- the start and keeps an anchor in audit_anchor).
CREATE TABLE audit_log (
  seq            BIGINT  PRIMARY KEY,
  at             BIGINT  NOT NULL,
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
  id   BIGINT PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_object ON audit_log (object_type, object_id, seq);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
