-- 007: the referrals a Drieluik assessment made for a signal (issue 5), as plain codes
-- beside the assessment, so a list in the police's view can include the signals referred
-- to police, the labour inspectorate or the RIEC without reading the assessment document.
-- Written in the assessment's transaction; holds no personal data.
CREATE TABLE signal_referrals (
  signal_id     INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  route         TEXT    NOT NULL,  -- a decision kind code: refer_politie, refer_riec, ...
  assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  PRIMARY KEY (signal_id, route, assessment_id)
);
CREATE INDEX signal_referrals_by_route ON signal_referrals (route, signal_id);

INSERT INTO signal_referrals (signal_id, route, assessment_id)
  SELECT DISTINCT a.signal_id, json_extract(d.value, '$.kind'), a.id
  FROM assessments a, json_each(a.decisions) d
  WHERE a.signal_id IS NOT NULL AND json_extract(d.value, '$.kind') LIKE 'refer\_%' ESCAPE '\';
