-- 006: the police and care compartments of a signal (domain/compartment.h): one document
-- per signal and compartment, with its own version.
CREATE TABLE signal_compartments (
  signal_id        INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  compartment      TEXT    NOT NULL CHECK (compartment IN ('police', 'care')),
  notes            TEXT    NOT NULL,
  reference        TEXT    NOT NULL,
  outcome          TEXT    NOT NULL,
  consent_to_share INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL CHECK (version >= 1),
  updated_at       INTEGER NOT NULL,
  updated_by       TEXT    NOT NULL,
  PRIMARY KEY (signal_id, compartment)
);
