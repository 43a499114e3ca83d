-- A case's support: the needs as rated at assessment and again at close, the support plan's
-- actions, case notes, complaints, restorative justice, the closure with its outcome per need,
-- and caseworkers' drafts of long forms. Free text (notes, plan actions, drafts) is stored only
-- sealed (libsodium secretbox) with the id of the key that sealed it, so keys can rotate.

-- stage: assessment | close. ratings: JSON object of need domain code -> rating code.
-- notes_sealed: the sealed JSON object of need domain code -> note.
CREATE TABLE case_needs_assessments (
  case_id TEXT NOT NULL REFERENCES cases (id),
  stage TEXT NOT NULL,
  ratings TEXT NOT NULL,
  notes_key_id TEXT NOT NULL,
  notes_sealed TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  assessed_at TEXT NOT NULL,
  PRIMARY KEY (case_id, stage)
) WITHOUT ROWID;

CREATE TABLE case_plan_actions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  text_key_id TEXT NOT NULL,
  text_sealed TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_date TEXT NOT NULL,
  done_at TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX case_plan_actions_case ON case_plan_actions (case_id, due_date);
-- A caseworker's open actions, soonest first (for "my actions due").
CREATE INDEX case_plan_actions_owner ON case_plan_actions (owner, due_date) WHERE done_at IS NULL;

CREATE TABLE case_notes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  key_id TEXT NOT NULL,
  sealed TEXT NOT NULL,
  written_by TEXT NOT NULL,
  written_at TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, written_at);

-- Codes and dates only: a complaint's words stay with the complaints process.
CREATE TABLE case_complaints (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  received_on TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL,
  closed_on TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX case_complaints_case ON case_complaints (case_id, received_on);

CREATE TABLE case_restorative_justice (
  case_id TEXT PRIMARY KEY REFERENCES cases (id),
  offered_on TEXT NOT NULL,
  answer TEXT NOT NULL,
  answered_on TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) WITHOUT ROWID;

-- outcomes: JSON object of need domain code -> yes | partly | no | no_need.
CREATE TABLE case_closures (
  case_id TEXT PRIMARY KEY REFERENCES cases (id),
  reason TEXT NOT NULL,
  outcomes TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  closed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX case_closures_closed ON case_closures (closed_at);

CREATE TABLE case_form_drafts (
  case_id TEXT NOT NULL REFERENCES cases (id),
  user_id TEXT NOT NULL,
  form TEXT NOT NULL,
  key_id TEXT NOT NULL,
  sealed TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (case_id, user_id, form)
) WITHOUT ROWID;
