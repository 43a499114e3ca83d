-- Live chat (issue 16): a victim's chat, found by a hash of the token in their cookie (no account,
-- nothing personal in an address), waiting in its area's queue until an advisor takes it. Every
-- change is an event numbered per chat (chat_events.seq = the chat's last_seq when it was made),
-- so a client catches up from the last number it saw. Message bodies are sealed with the notes
-- key; callers' addresses are kept only as keyed hashes, to cap the chats open from one.
CREATE TABLE chats (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  address_hash TEXT NOT NULL,
  area TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'ended')),
  started_at TEXT NOT NULL,
  taken_at TEXT,
  taken_by TEXT NOT NULL,
  holder_organisation_id TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT,
  last_seq INTEGER NOT NULL
);
CREATE INDEX chats_queue ON chats (state, area, started_at);
CREATE INDEX chats_address ON chats (address_hash, state);
CREATE INDEX chats_taken_by ON chats (taken_by, state);

CREATE TABLE chat_events (
  chat_id TEXT NOT NULL REFERENCES chats (id),
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  party TEXT NOT NULL,
  user_id TEXT NOT NULL,
  body_key_id TEXT NOT NULL,
  body_sealed TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (chat_id, seq)
) WITHOUT ROWID;

-- Who was at work on an area's chats, and when last: "no advisor on" is no row seen lately.
CREATE TABLE chat_presence (
  user_id TEXT NOT NULL,
  area TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (user_id, area)
) WITHOUT ROWID;
CREATE INDEX chat_presence_area ON chat_presence (area, seen_at);
