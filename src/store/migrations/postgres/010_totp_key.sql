-- 010: encryption at rest of TOTP secrets (docs/PRIVACY.md, "Encryption at rest").
-- users.totp_secret now holds an XChaCha20-Poly1305 ciphertext ("v1:<key id>:...") bound
-- to (users, totp_secret, user id); totp_key_id names its key ('' = a plain secret written
-- before this migration, or no secret; encrypted by the store right after migrating).
ALTER TABLE users ADD COLUMN totp_key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX users_by_totp_key ON users (totp_key_id, id);
