-- 002: link keys: one-way hashes of the normalised persons, addresses, businesses, phone
-- numbers and vehicles of each signal, so signals that share one can be found.
CREATE TABLE signal_link_keys (
  signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  kind      TEXT    NOT NULL,
  key_hash  TEXT    NOT NULL,
  PRIMARY KEY (signal_id, kind, key_hash)
);
CREATE INDEX signal_link_keys_by_hash ON signal_link_keys (key_hash, signal_id);
CREATE INDEX signal_link_keys_by_kind ON signal_link_keys (kind, key_hash);
