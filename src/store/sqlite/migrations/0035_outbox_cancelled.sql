-- A queued message its case no longer wants when its send job runs (an appointment reminder of a
-- case closed, or whose consent was withdrawn, before the reminder's time) is marked 'cancelled'
-- instead of sent. SQLite cannot change a CHECK constraint in place, so the table is rebuilt
-- with the same columns, rows and indexes.
CREATE TABLE outbox_messages_0035 (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'text', 'letter')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  template_code TEXT NOT NULL,
  large_print INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'sent', 'ready_to_print', 'failed', 'dead', 'cancelled')),
  last_error TEXT NOT NULL DEFAULT '',
  rendered TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
) WITHOUT ROWID;
INSERT INTO outbox_messages_0035 (id, case_id, channel, recipient, subject, body, template_code,
                                  large_print, status, last_error, rendered, created_at,
                                  updated_at, sent_at)
  SELECT id, case_id, channel, recipient, subject, body, template_code, large_print, status,
         last_error, rendered, created_at, updated_at, sent_at
  FROM outbox_messages;
DROP TABLE outbox_messages;
ALTER TABLE outbox_messages_0035 RENAME TO outbox_messages;
CREATE INDEX outbox_messages_case ON outbox_messages (case_id);
CREATE INDEX outbox_messages_status ON outbox_messages (status, created_at, id);
