-- 005: encryption at rest (the same tables and columns as migrations/sqlite/005_encryption.sql).
-- signals.document becomes TEXT: it holds a ciphertext, no longer JSON. The generated
-- tsvector kept a plain-text copy of the free text and is dropped with its index; free-text
-- search matches keyed word indexes in signal_words instead.
DROP INDEX signals_search;
ALTER TABLE signals DROP COLUMN search;
ALTER TABLE signals ALTER COLUMN document TYPE TEXT USING document::text;
ALTER TABLE signals ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX signals_by_key ON signals (key_id, id);
ALTER TABLE signal_additions ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX signal_additions_by_key ON signal_additions (key_id, id);

CREATE TABLE signal_words (
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  word      BIGINT NOT NULL,
  PRIMARY KEY (signal_id, word)
);
CREATE INDEX signal_words_by_word ON signal_words (word, signal_id);

CREATE TABLE encryption_keys (
  key_id      TEXT PRIMARY KEY,
  check_value TEXT NOT NULL
);
