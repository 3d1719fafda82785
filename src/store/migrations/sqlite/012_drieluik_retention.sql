-- 012: retention term R-CASE (docs/PRIVACY.md section 5). When a case, a meeting or an agenda
-- item (with its assessment) was anonymised: its free text is cleared and retention skips it
-- from then on. NULL = not anonymised. Milliseconds since the Unix epoch (UTC).
ALTER TABLE meetings ADD COLUMN anonymised_at INTEGER;
ALTER TABLE cases ADD COLUMN anonymised_at INTEGER;
ALTER TABLE agenda_items ADD COLUMN anonymised_at INTEGER;
