-- 011: encryption at rest of the Drieluik's free text (docs/PRIVACY.md, "Encryption at rest").
-- meetings.title and .participants (names), cases.title, case_log.detail, actions.title,
-- agenda_items.summary, assessments.reasoning and .decisions (notes) now hold
-- XChaCha20-Poly1305 ciphertexts ("v1:<key id>:...") bound to (table, column, row id);
-- key_id names the key of a row's ciphertexts ('' = plain text written before this
-- migration; encrypted by the store right after migrating, when it has the keys).
ALTER TABLE meetings ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE case_log ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_items ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
CREATE INDEX meetings_by_key ON meetings (key_id, id);
CREATE INDEX cases_by_key ON cases (key_id, id);
CREATE INDEX case_log_by_key ON case_log (key_id, id);
CREATE INDEX actions_by_key ON actions (key_id, id);
CREATE INDEX agenda_items_by_key ON agenda_items (key_id, id);
CREATE INDEX assessments_by_key ON assessments (key_id, id);
