-- 008: a work e-mail address per user, where the Drieluik's action reminders are mailed
-- when serve has an SMTP relay (issue 5 point 5). Staff contact data, not a data subject's.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
