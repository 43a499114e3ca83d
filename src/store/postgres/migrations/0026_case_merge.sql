-- Possible duplicates decided: a caseworker merges two cases of one person, keeping both
-- histories, or records that they are not the same person. Nothing is deleted or moved: each
-- case keeps its own events, contact attempts, onward referrals, tasks, needs and notes; a merge
-- is a row (undone by stamping it, never by removing it) and the merged case's status 'merged'.

CREATE TABLE case_merges (
  id text COLLATE "C" PRIMARY KEY,
  surviving_case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  merged_case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  merged_by text COLLATE "C" NOT NULL,
  merged_at text COLLATE "C" NOT NULL,
  -- What undo restores, whatever happened in between.
  merged_status_before text COLLATE "C" NOT NULL,
  merged_flag_before integer NOT NULL,
  surviving_flag_before integer NOT NULL,
  undone_at text COLLATE "C",
  undone_by text NOT NULL DEFAULT '',
  CHECK (surviving_case_id <> merged_case_id)
);
-- A case is merged into at most one other at a time.
CREATE UNIQUE INDEX case_merges_in_force ON case_merges (merged_case_id) WHERE undone_at IS NULL;
CREATE INDEX case_merges_surviving ON case_merges (surviving_case_id) WHERE undone_at IS NULL;

-- "Not the same person": one row per pair, the lower case id first.
CREATE TABLE case_duplicate_decisions (
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  other_case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  reason text COLLATE "C" NOT NULL,
  decided_by text COLLATE "C" NOT NULL,
  decided_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, other_case_id),
  CHECK (case_id < other_case_id)
);
CREATE INDEX case_duplicate_decisions_other ON case_duplicate_decisions (other_case_id);

-- A case's possible duplicates are found from either side of the intake's link.
CREATE INDEX referrals_possible_duplicate_of ON referrals (possible_duplicate_of) WHERE possible_duplicate_of <> '';

-- A merged case leaves the open queue as a closed one does: is_open is redefined (a generated
-- column cannot be altered, so the indexes over it are rebuilt with it).
DROP INDEX cases_queue;
DROP INDEX cases_allocated;
ALTER TABLE cases DROP COLUMN is_open;
ALTER TABLE cases ADD COLUMN is_open integer GENERATED ALWAYS AS (CASE WHEN status NOT IN ('closed', 'merged') THEN 1 ELSE 0 END) STORED;
CREATE INDEX cases_queue ON cases (holder_organisation_id, is_open, risk_rank DESC, next_due, opened_at, id);
CREATE INDEX cases_allocated ON cases (allocated_to, is_open, risk_rank DESC, next_due, opened_at, id) WHERE allocated_to <> '';
