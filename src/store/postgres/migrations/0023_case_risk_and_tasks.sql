-- Risk on a case and its tasks. Every DASH / S-DASH completed on a case is kept (the history of
-- who assessed, when, every answer, the score and any judgement with its reason); the case's
-- risk_rank follows the newest. Tasks (a MARAC referral to draft, a safeguarding referral to
-- make, a case to close) carry a due date and the caseworker whose list they are on.

-- Answers are one letter per question in the checklist's order (y yes, n no, k not known);
-- '' when that checklist was not completed. Levels are codes; marac_reasons comma-separated codes.
CREATE TABLE case_risk_assessments (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  assessed_by text NOT NULL,
  assessed_at text COLLATE "C" NOT NULL,
  dash_answers text NOT NULL,
  sdash_answers text NOT NULL,
  police_callouts integer NOT NULL,
  last_marac_referral text COLLATE "C" NOT NULL,
  judgement text COLLATE "C" NOT NULL,
  judgement_reason text NOT NULL,
  child_at_risk integer NOT NULL,
  dash_score integer,
  sdash_score integer,
  score_level text COLLATE "C" NOT NULL,
  level text COLLATE "C" NOT NULL,
  marac_reasons text NOT NULL,
  marac_reason_texts text NOT NULL
);
CREATE INDEX case_risk_assessments_case ON case_risk_assessments (case_id, assessed_at);

CREATE TABLE case_tasks (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('marac_referral', 'safeguarding_referral', 'close_unable_to_contact', 'other')),
  reason_code text NOT NULL,
  title text NOT NULL,
  detail text NOT NULL,
  -- YYYY-MM-DD; '9999-12-31' when the task has no due date, so dated tasks sort first.
  due_date text COLLATE "C" NOT NULL,
  assigned_to text COLLATE "C" NOT NULL,
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  done_at text COLLATE "C",
  done_by text NOT NULL,
  dismissed_at text COLLATE "C",
  dismissed_by text NOT NULL,
  dismissal_reason text NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX case_tasks_case ON case_tasks (case_id, created_at);
-- A caseworker's open tasks, soonest due first.
CREATE INDEX case_tasks_open ON case_tasks (assigned_to, due_date, created_at, id)
  WHERE done_at IS NULL AND dismissed_at IS NULL;
