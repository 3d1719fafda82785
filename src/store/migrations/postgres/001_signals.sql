-- 001: signals (meldingen) with their forms, history, public additions and search index.
-- The same tables and columns as migrations/sqlite/001_signals.sql. Times are
-- milliseconds since the Unix epoch, UTC, as BIGINT, so both backends hold the same values.
CREATE TABLE signals (
  id                 BIGSERIAL PRIMARY KEY,
  reference_code     TEXT    NOT NULL UNIQUE,
  version            BIGINT  NOT NULL CHECK (version >= 1),
  status             TEXT    NOT NULL,
  channel            TEXT    NOT NULL,
  municipality       TEXT    NOT NULL,
  organisation       TEXT    NOT NULL DEFAULT '',
  received_at        BIGINT  NOT NULL,
  summary            TEXT    NOT NULL,
  urgency            TEXT    NOT NULL,
  document           JSONB   NOT NULL,
  public_secret_hash TEXT,
  created_at         BIGINT  NOT NULL,
  updated_at         BIGINT  NOT NULL,
  -- Free-text search over summary, description and location (SQLite: signal_search).
  search             TSVECTOR GENERATED ALWAYS AS (
                       to_tsvector('simple', summary || ' ' || coalesce(document ->> 'description', '') || ' ' ||
                                             coalesce(document ->> 'location', ''))) STORED
);
CREATE INDEX signals_by_received ON signals (received_at DESC, id DESC);
CREATE INDEX signals_by_municipality ON signals (municipality, received_at DESC, id DESC);
CREATE INDEX signals_by_status ON signals (status, received_at DESC, id DESC);
CREATE INDEX signals_search ON signals USING GIN (search);

CREATE TABLE signal_forms (
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  form      TEXT   NOT NULL,
  PRIMARY KEY (signal_id, form)
);
CREATE INDEX signal_forms_by_form ON signal_forms (form, signal_id);

CREATE TABLE signal_history (
  id        BIGSERIAL PRIMARY KEY,
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  at        BIGINT NOT NULL,
  action    TEXT   NOT NULL,
  actor     TEXT   NOT NULL,
  fields    TEXT   NOT NULL
);
CREATE INDEX signal_history_by_signal ON signal_history (signal_id, id);

CREATE TABLE signal_additions (
  id        BIGSERIAL PRIMARY KEY,
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  at        BIGINT NOT NULL,
  text      TEXT   NOT NULL
);
CREATE INDEX signal_additions_by_signal ON signal_additions (signal_id, id);
