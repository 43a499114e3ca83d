-- Break glass: a person's recorded reason to read a case another team of their organisation
-- holds. A grant lasts a few hours or until its holder signs out (ended_at stamped); rows are
-- kept, never deleted, so who read outside their team and why stays answerable. The reason is a
-- code; the optional note is sealed with the notes key like every free text about a case.
CREATE TABLE case_break_glass (
  id text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES users (id),
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  reason text COLLATE "C" NOT NULL,
  note_key_id text COLLATE "C" NOT NULL DEFAULT '',
  note_sealed text NOT NULL DEFAULT '',
  granted_at text COLLATE "C" NOT NULL,
  expires_at text COLLATE "C" NOT NULL,
  ended_at text COLLATE "C"
);
-- "Has this person a grant in force for this case?" on every read of another team's case; and
-- "end this person's grants" at sign-out.
CREATE INDEX case_break_glass_open ON case_break_glass (user_id, case_id, expires_at) WHERE ended_at IS NULL;
