-- 009: link keys become keyed blind indexes (docs/PRIVACY.md section 7). The unkeyed
-- BLAKE2b hashes of migration 002 could be reversed by trying every phone number or plate;
-- they are dropped, and every signal is queued in link_key_rebuild. Right after migrating,
-- the store (which holds the key ring) recomputes the keys of the queued signals in small
-- transactions and empties the queue; a store opened without keys leaves the queue for the
-- next start with keys. A later change of the key rules can queue signals the same way.
CREATE TABLE link_key_rebuild (
  signal_id INTEGER PRIMARY KEY
);
INSERT INTO link_key_rebuild (signal_id) SELECT id FROM signals;
DELETE FROM signal_link_keys;
