-- 004: the Drieluik (the same tables as migrations/sqlite/004_drieluik.sql).
CREATE TABLE meetings (
  id           BIGSERIAL PRIMARY KEY,
  type         TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  scheduled_at BIGINT  NOT NULL,
  status       TEXT    NOT NULL,
  participants TEXT    NOT NULL,  -- JSON array of {organisation, role, name, attended}
  version      BIGINT  NOT NULL CHECK (version >= 1),
  created_at   BIGINT  NOT NULL,
  updated_at   BIGINT  NOT NULL
);
CREATE INDEX meetings_by_type_time ON meetings (type, scheduled_at, id);

CREATE TABLE cases (
  id           BIGSERIAL PRIMARY KEY,
  title        TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  municipality TEXT    NOT NULL,
  merged_into  BIGINT,            -- a case id; no foreign key, so a dump loads in id order
  participants TEXT    NOT NULL,  -- JSON array of {organisation, role}
  version      BIGINT  NOT NULL CHECK (version >= 1),
  created_at   BIGINT  NOT NULL,
  updated_at   BIGINT  NOT NULL
);
CREATE INDEX cases_by_status ON cases (status, id);

CREATE TABLE case_signals (
  case_id   BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  signal_id BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  PRIMARY KEY (case_id, signal_id)
);
CREATE INDEX case_signals_by_signal ON case_signals (signal_id, case_id);

-- The decision log: appended to, never changed.
CREATE TABLE case_log (
  id          BIGSERIAL PRIMARY KEY,
  case_id     BIGINT  NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at          BIGINT  NOT NULL,
  actor       TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  detail      TEXT    NOT NULL,
  from_status TEXT    NOT NULL,
  to_status   TEXT    NOT NULL
);
CREATE INDEX case_log_by_case ON case_log (case_id, id);

CREATE TABLE actions (
  id           BIGSERIAL PRIMARY KEY,
  case_id      BIGINT REFERENCES cases (id) ON DELETE CASCADE,
  meeting_id   BIGINT REFERENCES meetings (id) ON DELETE SET NULL,
  title        TEXT   NOT NULL,
  owner        TEXT   NOT NULL,
  organisation TEXT   NOT NULL,
  due_date     TEXT   NOT NULL,  -- YYYY-MM-DD, a day in the Netherlands
  status       TEXT   NOT NULL,
  version      BIGINT NOT NULL CHECK (version >= 1),
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  completed_at BIGINT
);
CREATE INDEX actions_by_due ON actions (status, due_date, id);
CREATE INDEX actions_by_case ON actions (case_id, due_date, id);

CREATE TABLE agenda_items (
  id           BIGSERIAL PRIMARY KEY,
  meeting_id   BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  position     BIGINT NOT NULL,
  kind         TEXT   NOT NULL,
  signal_id    BIGINT REFERENCES signals (id) ON DELETE SET NULL,
  case_id      BIGINT REFERENCES cases (id) ON DELETE SET NULL,
  action_id    BIGINT REFERENCES actions (id) ON DELETE SET NULL,
  summary      TEXT   NOT NULL,
  urgency      TEXT   NOT NULL,
  routes       TEXT   NOT NULL,  -- JSON array of route codes
  status       TEXT   NOT NULL,
  carried_from BIGINT REFERENCES agenda_items (id) ON DELETE SET NULL
);
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, position, id);

CREATE TABLE assessments (
  id         BIGSERIAL PRIMARY KEY,
  item_id    BIGINT NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE CASCADE,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  signal_id  BIGINT REFERENCES signals (id) ON DELETE SET NULL,
  case_id    BIGINT REFERENCES cases (id) ON DELETE SET NULL,
  outcome    TEXT   NOT NULL,
  reasoning  TEXT   NOT NULL,
  decisions  TEXT   NOT NULL,  -- JSON array of {kind, caseId, note}
  actor      TEXT   NOT NULL,
  at         BIGINT NOT NULL
);
CREATE INDEX assessments_by_signal ON assessments (signal_id, at);
CREATE INDEX assessments_by_meeting ON assessments (meeting_id, id);

-- Each reminder of an action is recorded once (in-app), with whether it was mailed.
CREATE TABLE action_reminders (
  action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  kind      TEXT   NOT NULL,
  at        BIGINT NOT NULL,
  mailed    BIGINT NOT NULL,
  PRIMARY KEY (action_id, kind)
);
