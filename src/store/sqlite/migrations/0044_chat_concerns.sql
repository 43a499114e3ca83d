-- Safeguarding concerns recorded beside a live chat (issue 16): the kind, who and when, and the
-- advisor's note sealed with the notes key (key id beside, as chat messages are). case_task_id
-- names the safeguarding task the concern became on the chat's case, so it is carried once. When a
-- transcript is deleted for retention the note is erased with it ('' key id) and the rest kept.
CREATE TABLE chat_concerns (
  id TEXT PRIMARY KEY,
  chat_id TEXT NOT NULL REFERENCES chats (id),
  kind TEXT NOT NULL,
  note_key_id TEXT NOT NULL,
  note_sealed TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  case_task_id TEXT
);
CREATE INDEX chat_concerns_by_chat ON chat_concerns (chat_id, recorded_at);
