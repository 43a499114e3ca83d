-- A case's support: the needs as rated at assessment and again at close, the support plan's
-- actions, case notes, complaints, restorative justice, the closure with its outcome per need,
-- and caseworkers' drafts of long forms. Free text (notes, plan actions, drafts) is stored only
-- sealed (libsodium secretbox) with the id of the key that sealed it, so keys can rotate.

-- stage: assessment | close. ratings: JSON object of need domain code -> rating code.
-- notes_sealed: the sealed JSON object of need domain code -> note.
CREATE TABLE case_needs_assessments (
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  stage text COLLATE "C" NOT NULL,
  ratings text NOT NULL,
  notes_key_id text COLLATE "C" NOT NULL,
  notes_sealed text NOT NULL,
  assessed_by text NOT NULL,
  assessed_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, stage)
);

CREATE TABLE case_plan_actions (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  text_key_id text COLLATE "C" NOT NULL,
  text_sealed text NOT NULL,
  owner text COLLATE "C" NOT NULL,
  due_date text COLLATE "C" NOT NULL,
  done_at text COLLATE "C",
  created_by text NOT NULL,
  created_at text COLLATE "C" NOT NULL
);
CREATE INDEX case_plan_actions_case ON case_plan_actions (case_id, due_date);
-- A caseworker's open actions, soonest first (for "my actions due").
CREATE INDEX case_plan_actions_owner ON case_plan_actions (owner, due_date) WHERE done_at IS NULL;

CREATE TABLE case_notes (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  key_id text COLLATE "C" NOT NULL,
  sealed text NOT NULL,
  written_by text NOT NULL,
  written_at text COLLATE "C" NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, written_at);

-- Codes and dates only: a complaint's words stay with the complaints process.
CREATE TABLE case_complaints (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  received_on text COLLATE "C" NOT NULL,
  subject text COLLATE "C" NOT NULL,
  outcome text COLLATE "C" NOT NULL,
  closed_on text COLLATE "C",
  recorded_by text NOT NULL,
  recorded_at text COLLATE "C" NOT NULL
);
CREATE INDEX case_complaints_case ON case_complaints (case_id, received_on);

CREATE TABLE case_restorative_justice (
  case_id text COLLATE "C" PRIMARY KEY REFERENCES cases (id),
  offered_on text COLLATE "C" NOT NULL,
  answer text COLLATE "C" NOT NULL,
  answered_on text COLLATE "C",
  recorded_by text NOT NULL,
  recorded_at text COLLATE "C" NOT NULL
);

-- outcomes: JSON object of need domain code -> yes | partly | no | no_need.
CREATE TABLE case_closures (
  case_id text COLLATE "C" PRIMARY KEY REFERENCES cases (id),
  reason text COLLATE "C" NOT NULL,
  outcomes text NOT NULL,
  closed_by text NOT NULL,
  closed_at text COLLATE "C" NOT NULL
);
CREATE INDEX case_closures_closed ON case_closures (closed_at);

CREATE TABLE case_form_drafts (
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  user_id text COLLATE "C" NOT NULL,
  form text COLLATE "C" NOT NULL,
  key_id text COLLATE "C" NOT NULL,
  sealed text NOT NULL,
  saved_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (case_id, user_id, form)
);
