-- Live chat (issue 16): a victim's chat, found by a hash of the token in their cookie (no account,
-- nothing personal in an address), waiting in its area's queue until an advisor takes it. Every
-- change is an event numbered per chat (chat_events.seq = the chat's last_seq when it was made),
-- so a client catches up from the last number it saw. Message bodies are sealed with the notes
-- key; callers' addresses are kept only as keyed hashes, to cap the chats open from one.
CREATE TABLE chats (
  id text COLLATE "C" PRIMARY KEY,
  token_hash text COLLATE "C" NOT NULL UNIQUE,
  address_hash text COLLATE "C" NOT NULL,
  area text COLLATE "C" NOT NULL,
  state text COLLATE "C" NOT NULL CHECK (state IN ('waiting', 'active', 'ended')),
  started_at text COLLATE "C" NOT NULL,
  taken_at text COLLATE "C",
  taken_by text COLLATE "C" NOT NULL,
  holder_organisation_id text COLLATE "C" NOT NULL,
  ended_at text COLLATE "C",
  end_reason text COLLATE "C",
  last_seq bigint NOT NULL
);
CREATE INDEX chats_queue ON chats (state, area, started_at);
CREATE INDEX chats_address ON chats (address_hash, state);
CREATE INDEX chats_taken_by ON chats (taken_by, state);

CREATE TABLE chat_events (
  chat_id text COLLATE "C" NOT NULL REFERENCES chats (id),
  seq bigint NOT NULL,
  kind text COLLATE "C" NOT NULL,
  party text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  body_key_id text COLLATE "C" NOT NULL,
  body_sealed text NOT NULL,
  at text COLLATE "C" NOT NULL,
  PRIMARY KEY (chat_id, seq)
);

-- Who was at work on an area's chats, and when last: "no advisor on" is no row seen lately.
CREATE TABLE chat_presence (
  user_id text COLLATE "C" NOT NULL,
  area text COLLATE "C" NOT NULL,
  seen_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (user_id, area)
);
CREATE INDEX chat_presence_area ON chat_presence (area, seen_at);
