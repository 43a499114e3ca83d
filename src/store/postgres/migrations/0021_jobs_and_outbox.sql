-- Background jobs and the outbox of messages to victims. A job is claimed with a lease: while
-- the lease holds no other process sees it (claimed FOR UPDATE SKIP LOCKED), so each job runs
-- once however many servers poll; a process that dies mid-job leaves a lease that runs out, and
-- the job is queued again. Jobs that fail max_attempts times wait on the dead-letter list
-- (status 'dead') for an administrator. A dedupe_key, unique, keeps a job from ever being queued
-- twice. Payloads and errors hold ids and codes only, never a victim's details.
CREATE TABLE jobs (
  id text COLLATE "C" PRIMARY KEY,
  kind text COLLATE "C" NOT NULL,
  payload text NOT NULL,
  dedupe_key text COLLATE "C" UNIQUE,
  status text COLLATE "C" NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  run_after text COLLATE "C" NOT NULL,
  lease_token text COLLATE "C",
  lease_until text COLLATE "C",
  last_error text NOT NULL DEFAULT '',
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE status = 'running';
CREATE INDEX jobs_dead ON jobs (updated_at, id) WHERE status = 'dead';

-- Messages to victims (email, text message, letter), each sent by one job. The caller checked
-- the victim's safe-contact profile before queueing. A letter is not sent: its printable HTML is
-- kept here for staff to print (status 'ready_to_print').
CREATE TABLE outbox_messages (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL,
  channel text COLLATE "C" NOT NULL CHECK (channel IN ('email', 'text', 'letter')),
  recipient text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  template_code text COLLATE "C" NOT NULL,
  large_print integer NOT NULL DEFAULT 0,
  status text COLLATE "C" NOT NULL
    CHECK (status IN ('queued', 'sent', 'ready_to_print', 'failed', 'dead')),
  last_error text NOT NULL DEFAULT '',
  rendered text NOT NULL DEFAULT '',
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  sent_at text COLLATE "C"
);
CREATE INDEX outbox_messages_case ON outbox_messages (case_id);
CREATE INDEX outbox_messages_status ON outbox_messages (status, created_at, id);
