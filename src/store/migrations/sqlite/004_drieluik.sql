-- 004: the Drieluik (issue 5): meetings, agenda items, assessments, cases with their
-- signals and decision log, actions and their reminders. Times are milliseconds since the
-- Unix epoch (UTC); JSON documents are TEXT on both backends so dumps compare as text.
CREATE TABLE meetings (
  id           INTEGER PRIMARY KEY,
  type         TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  scheduled_at INTEGER  NOT NULL,
  status       TEXT    NOT NULL,
  participants TEXT    NOT NULL,  -- JSON array of {organisation, role, name, attended}
  version      INTEGER  NOT NULL CHECK (version >= 1),
  created_at   INTEGER  NOT NULL,
  updated_at   INTEGER  NOT NULL
);
CREATE INDEX meetings_by_type_time ON meetings (type, scheduled_at, id);

CREATE TABLE cases (
  id           INTEGER PRIMARY KEY,
  title        TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  municipality TEXT    NOT NULL,
  merged_into  INTEGER,            -- a case id; no foreign key, so a dump loads in id order
  participants TEXT    NOT NULL,  -- JSON array of {organisation, role}
  version      INTEGER  NOT NULL CHECK (version >= 1),
  created_at   INTEGER  NOT NULL,
  updated_at   INTEGER  NOT NULL
);
CREATE INDEX cases_by_status ON cases (status, id);

CREATE TABLE case_signals (
  case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  signal_id INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  PRIMARY KEY (case_id, signal_id)
);
CREATE INDEX case_signals_by_signal ON case_signals (signal_id, case_id);

-- The decision log: appended to, never changed.
CREATE TABLE case_log (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER  NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  at          INTEGER  NOT NULL,
  actor       TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  detail      TEXT    NOT NULL,
  from_status TEXT    NOT NULL,
  to_status   TEXT    NOT NULL
);
CREATE INDEX case_log_by_case ON case_log (case_id, id);

CREATE TABLE actions (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER REFERENCES cases (id) ON DELETE CASCADE,
  meeting_id   INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
  title        TEXT   NOT NULL,
  owner        TEXT   NOT NULL,
  organisation TEXT   NOT NULL,
  due_date     TEXT   NOT NULL,  -- YYYY-MM-DD, a day in the Netherlands
  status       TEXT   NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX actions_by_due ON actions (status, due_date, id);
CREATE INDEX actions_by_case ON actions (case_id, due_date, id);

CREATE TABLE agenda_items (
  id           INTEGER PRIMARY KEY,
  meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  kind         TEXT   NOT NULL,
  signal_id    INTEGER REFERENCES signals (id) ON DELETE SET NULL,
  case_id      INTEGER REFERENCES cases (id) ON DELETE SET NULL,
  action_id    INTEGER REFERENCES actions (id) ON DELETE SET NULL,
  summary      TEXT   NOT NULL,
  urgency      TEXT   NOT NULL,
  routes       TEXT   NOT NULL,  -- JSON array of route codes
  status       TEXT   NOT NULL,
  carried_from INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL
);
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, position, id);

CREATE TABLE assessments (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  signal_id  INTEGER REFERENCES signals (id) ON DELETE SET NULL,
  case_id    INTEGER REFERENCES cases (id) ON DELETE SET NULL,
  outcome    TEXT   NOT NULL,
  reasoning  TEXT   NOT NULL,
  decisions  TEXT   NOT NULL,  -- JSON array of {kind, caseId, note}
  actor      TEXT   NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX assessments_by_signal ON assessments (signal_id, at);
CREATE INDEX assessments_by_meeting ON assessments (meeting_id, id);

-- Each reminder of an action is recorded once (in-app), with whether it was mailed.
CREATE TABLE action_reminders (
  action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  kind      TEXT   NOT NULL,
  at        INTEGER NOT NULL,
  mailed    INTEGER NOT NULL,
  PRIMARY KEY (action_id, kind)
);
