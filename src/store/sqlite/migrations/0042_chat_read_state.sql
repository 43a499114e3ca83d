-- Live chat over WebSocket (issue 16): how far each side has read. A client acknowledges the
-- number of the latest event it displayed; the store keeps the highest per side, so a client
-- that reconnects (to this process or another) is shown the other side's read state again.
ALTER TABLE chats ADD COLUMN victim_read_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chats ADD COLUMN advisor_read_seq INTEGER NOT NULL DEFAULT 0;
