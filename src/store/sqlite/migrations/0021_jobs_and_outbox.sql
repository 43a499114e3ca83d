-- Background jobs and the outbox of messages to victims. A job is claimed with a lease: while
-- the lease holds no other process sees it, so each job runs once however many servers poll;
-- a process that dies mid-job leaves a lease that runs out, and the job is queued again. Jobs
-- that fail max_attempts times wait on the dead-letter list (status 'dead') for an
-- administrator. A dedupe_key, unique, keeps a job from ever being queued twice. Payloads and
-- errors hold ids and codes only, never a victim's details.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
  run_after TEXT NOT NULL,
  lease_token TEXT,
  lease_until TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX jobs_due ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_dead ON jobs (updated_at, id) WHERE status = 'dead';

-- Messages to victims (email, text message, letter), each sent by one job. The caller checked
-- the victim's safe-contact profile before queueing. A letter is not sent: its printable HTML is
-- kept here for staff to print (status 'ready_to_print').
CREATE TABLE outbox_messages (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'text', 'letter')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  template_code TEXT NOT NULL,
  large_print INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL
    CHECK (status IN ('queued', 'sent', 'ready_to_print', 'failed', 'dead')),
  last_error TEXT NOT NULL DEFAULT '',
  rendered TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
) WITHOUT ROWID;
CREATE INDEX outbox_messages_case ON outbox_messages (case_id);
CREATE INDEX outbox_messages_status ON outbox_messages (status, created_at, id);
