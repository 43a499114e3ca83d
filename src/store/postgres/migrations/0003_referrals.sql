-- Referrals with their human references, API keys for partner systems, and idempotency records.
-- Instants are fixed-width RFC 3339 UTC text with nanoseconds (as on SQLite): exact round trips.

CREATE TABLE referrals (
  id text COLLATE "C" PRIMARY KEY,
  reference text COLLATE "C" NOT NULL UNIQUE,
  area text COLLATE "C" NOT NULL,
  channel text NOT NULL,
  received_at text COLLATE "C" NOT NULL,
  -- NULL for a self-referral (no sending organisation).
  source_organisation_id text COLLATE "C" REFERENCES organisations (id),
  police_force_code text COLLATE "C" NOT NULL,
  crime_reference text COLLATE "C" NOT NULL,
  victim_key text COLLATE "C" NOT NULL,
  consent_state text NOT NULL,
  outcome text COLLATE "C" NOT NULL,
  -- No foreign key: the referral records the service chosen then, whatever a later directory
  -- import does to it. Empty when none was chosen.
  service_id text COLLATE "C" NOT NULL,
  rule_set_version text NOT NULL,
  document text NOT NULL,
  assessment text NOT NULL
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
-- transaction: its row lock serialises creates for one prefix, and a rolled-back create gives
-- its number back, so references have no gaps (a sequence would leave them).
CREATE TABLE reference_counters (
  prefix text COLLATE "C" PRIMARY KEY,
  last_number bigint NOT NULL
);

CREATE TABLE idempotency_keys (
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations (id),
  key text COLLATE "C" NOT NULL,
  request_hash text COLLATE "C" NOT NULL,
  status integer NOT NULL,
  response_body text NOT NULL,
  referral_id text COLLATE "C" NOT NULL REFERENCES referrals (id),
  created_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (organisation_id, key)
);
CREATE INDEX idempotency_keys_referral ON idempotency_keys (referral_id);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE api_keys (
  id text COLLATE "C" PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations (id),
  label text NOT NULL,
  secret_hash text COLLATE "C" NOT NULL UNIQUE,
  created_at text COLLATE "C" NOT NULL,
  revoked_at text COLLATE "C"
);
CREATE INDEX api_keys_organisation ON api_keys (organisation_id);
