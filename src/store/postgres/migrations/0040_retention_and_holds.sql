-- Issue 17, data protection: legal holds on cases, and the ledger of what retention erased.
-- A hold (a prosecution, a complaint, a subject access request in progress) stops retention
-- erasing the case while it is in force; lifted holds keep their row, so who held a case, why and
-- when stays answerable. The ledger names erased cases only (the rule, when, and until when the
-- MARAC history the repeat rule needs is kept): it has no foreign key, so it outlives what it
-- erased and `restore` can erase again what a backup taken before still holds.
CREATE TABLE case_legal_holds (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  reason text COLLATE "C" NOT NULL CHECK (reason IN ('prosecution', 'complaint', 'subject_access_request')),
  placed_by text COLLATE "C" NOT NULL,
  placed_at text COLLATE "C" NOT NULL,
  lifted_by text COLLATE "C" NOT NULL DEFAULT '',
  lifted_at text COLLATE "C"
);
CREATE INDEX case_legal_holds_case ON case_legal_holds (case_id, placed_at);
CREATE INDEX case_legal_holds_in_force ON case_legal_holds (case_id) WHERE lifted_at IS NULL;

CREATE TABLE retention_erasures (
  case_id text COLLATE "C" PRIMARY KEY,
  rule text COLLATE "C" NOT NULL,
  erased_at text COLLATE "C" NOT NULL,
  marac_kept_until text COLLATE "C",  -- YYYY-MM-DD; NULL: none kept
  marac_erased_at text COLLATE "C"
);
-- The MARAC history still kept, soonest due first.
CREATE INDEX retention_erasures_marac ON retention_erasures (marac_kept_until)
  WHERE marac_kept_until IS NOT NULL AND marac_erased_at IS NULL;
