-- 001: signals (meldingen) with their forms, history, public additions and search index.
-- Times are milliseconds since the Unix epoch, UTC.
CREATE TABLE signals (
  id                 INTEGER PRIMARY KEY,
  reference_code     TEXT    NOT NULL UNIQUE,
  version            INTEGER NOT NULL CHECK (version >= 1),
  status             TEXT    NOT NULL,
  channel            TEXT    NOT NULL,
  municipality       TEXT    NOT NULL,
  organisation       TEXT    NOT NULL DEFAULT '',
  received_at        INTEGER NOT NULL,
  summary            TEXT    NOT NULL,
  urgency            TEXT    NOT NULL,
  document           TEXT    NOT NULL,
  public_secret_hash TEXT,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX signals_by_received ON signals (received_at DESC, id DESC);
CREATE INDEX signals_by_municipality ON signals (municipality, received_at DESC, id DESC);
CREATE INDEX signals_by_status ON signals (status, received_at DESC, id DESC);

CREATE TABLE signal_forms (
  signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  form      TEXT    NOT NULL,
  PRIMARY KEY (signal_id, form)
);
CREATE INDEX signal_forms_by_form ON signal_forms (form, signal_id);

CREATE TABLE signal_history (
  id        INTEGER PRIMARY KEY,
  signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  action    TEXT    NOT NULL,
  actor     TEXT    NOT NULL,
  fields    TEXT    NOT NULL
);
CREATE INDEX signal_history_by_signal ON signal_history (signal_id, id);

CREATE TABLE signal_additions (
  id        INTEGER PRIMARY KEY,
  signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  text      TEXT    NOT NULL
);
CREATE INDEX signal_additions_by_signal ON signal_additions (signal_id, id);

-- Free-text search over summary, description and location; rowid = signals.id.
CREATE VIRTUAL TABLE signal_search USING fts5 (
  summary, description, location,
  tokenize = 'unicode61 remove_diacritics 2'
);
