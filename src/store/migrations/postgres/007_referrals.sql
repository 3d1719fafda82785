-- 007: the referrals of a Drieluik assessment (the same table as
-- migrations/sqlite/007_referrals.sql).
CREATE TABLE signal_referrals (
  signal_id     BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  route         TEXT   NOT NULL,
  assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  PRIMARY KEY (signal_id, route, assessment_id)
);
CREATE INDEX signal_referrals_by_route ON signal_referrals (route, signal_id);

INSERT INTO signal_referrals (signal_id, route, assessment_id)
  SELECT DISTINCT a.signal_id, d.value ->> 'kind', a.id
  FROM assessments a, jsonb_array_elements(a.decisions::jsonb) d
  WHERE a.signal_id IS NOT NULL AND d.value ->> 'kind' LIKE 'refer\_%';
