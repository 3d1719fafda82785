-- 005: encryption at rest (docs/PRIVACY.md, "Encryption at rest"). signals.summary,
-- signals.document and signal_additions.text now hold XChaCha20-Poly1305 ciphertexts
-- ("v1:<key id>:..."); key_id names the key of a row's ciphertexts ('' = a plain-text row
-- written before this migration, encrypted by the store right after migrating). The FTS5
-- index kept a plain-text copy and is dropped; free-text search matches keyed word
-- indexes in signal_words instead. encryption_keys holds, per key id, a check value
-- encrypted under that key, so a wrong key file is refused before anything is written.
DROP TABLE signal_search;
ALTER TABLE signals ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX signals_by_key ON signals (key_id, id);
ALTER TABLE signal_additions ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX signal_additions_by_key ON signal_additions (key_id, id);

-- One row per distinct word of a signal's summary, description, location and indicator
-- notes: the first 8 bytes of the keyed BLAKE2b word index (crypto/blind_index.h).
CREATE TABLE signal_words (
  signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  word      INTEGER NOT NULL,
  PRIMARY KEY (signal_id, word)
) WITHOUT ROWID;
CREATE INDEX signal_words_by_word ON signal_words (word, signal_id);

CREATE TABLE encryption_keys (
  key_id      TEXT PRIMARY KEY,
  check_value TEXT NOT NULL
);
