-- Risk on a case and its tasks. Every DASH / S-DASH completed on a case is kept (the history of
-- who assessed, when, every answer, the score and any judgement with its reason); the case's
-- risk_rank follows the newest. Tasks (a MARAC referral to draft, a safeguarding referral to
-- make, a case to close) carry a due date and the caseworker whose list they are on.

-- Answers are one letter per question in the checklist's order (y yes, n no, k not known);
-- '' when that checklist was not completed. Levels are codes; marac_reasons comma-separated codes.
CREATE TABLE case_risk_assessments (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  assessed_by TEXT NOT NULL,
  assessed_at TEXT NOT NULL,
  dash_answers TEXT NOT NULL,
  sdash_answers TEXT NOT NULL,
  police_callouts INTEGER NOT NULL,
  last_marac_referral TEXT NOT NULL,
  judgement TEXT NOT NULL,
  judgement_reason TEXT NOT NULL,
  child_at_risk INTEGER NOT NULL,
  dash_score INTEGER,
  sdash_score INTEGER,
  score_level TEXT NOT NULL,
  level TEXT NOT NULL,
  marac_reasons TEXT NOT NULL,
  marac_reason_texts TEXT NOT NULL
);
CREATE INDEX case_risk_assessments_case ON case_risk_assessments (case_id, assessed_at);

CREATE TABLE case_tasks (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('marac_referral', 'safeguarding_referral', 'close_unable_to_contact', 'other')),
  reason_code TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  -- YYYY-MM-DD; '9999-12-31' when the task has no due date, so dated tasks sort first.
  due_date TEXT NOT NULL,
  assigned_to TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  done_at TEXT,
  done_by TEXT NOT NULL,
  dismissed_at TEXT,
  dismissed_by TEXT NOT NULL,
  dismissal_reason TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX case_tasks_case ON case_tasks (case_id, created_at);
-- A caseworker's open tasks, soonest due first.
CREATE INDEX case_tasks_open ON case_tasks (assigned_to, due_date, created_at, id)
  WHERE done_at IS NULL AND dismissed_at IS NULL;
