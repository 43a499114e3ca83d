-- Referrals with their human references, API keys for partner systems, and idempotency records.
-- Instants are fixed-width RFC 3339 UTC text with nanoseconds, so they sort and compare as text.

CREATE TABLE referrals (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  area TEXT NOT NULL,
  channel TEXT NOT NULL,
  received_at TEXT NOT NULL,
  -- NULL for a self-referral (no sending organisation).
  source_organisation_id TEXT REFERENCES organisations (id),
  police_force_code TEXT NOT NULL,
  crime_reference TEXT NOT NULL,
  victim_key TEXT NOT NULL,
  consent_state TEXT NOT NULL,
  outcome TEXT NOT NULL,
  -- No foreign key: the referral records the service chosen then, whatever a later directory
  -- import does to it. Empty when none was chosen.
  service_id TEXT NOT NULL,
  rule_set_version TEXT NOT NULL,
  document TEXT NOT NULL,
  assessment TEXT NOT NULL
);
-- One referral per force, crime reference and victim; referrals not reported to the police
-- (any of the three empty) are never duplicates of each other.
CREATE UNIQUE INDEX referrals_crime_reference
  ON referrals (police_force_code, crime_reference, victim_key)
  WHERE police_force_code <> '' AND crime_reference <> '' AND victim_key <> '';
CREATE INDEX referrals_area_received ON referrals (area, received_at);
CREATE INDEX referrals_service_outcome ON referrals (service_id, outcome);
CREATE INDEX referrals_source_organisation ON referrals (source_organisation_id);

-- The last reference number handed out per prefix ("MY-2026-"), bumped inside the creating
-- transaction: a rolled-back create gives its number back, so references have no gaps.
CREATE TABLE reference_counters (
  prefix TEXT PRIMARY KEY,
  last_number INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  referral_id TEXT NOT NULL REFERENCES referrals (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (organisation_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_referral ON idempotency_keys (referral_id);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  label TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_organisation ON api_keys (organisation_id);
