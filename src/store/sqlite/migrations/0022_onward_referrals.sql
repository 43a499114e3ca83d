-- Onward referrals: a case referred on to a directory service and the partner's answers to it
-- (sent → accepted | declined → completed, or withdrawn), each change timed, with the date the
-- partner must accept or decline by. The partner's inbox is its directory organisation's rows.
-- No personal data here: what the partner may see is read from the referral's document through
-- the shared field list.
CREATE TABLE onward_referrals (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  service_id TEXT NOT NULL,
  directory_organization_id TEXT NOT NULL,
  area TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  outcome TEXT NOT NULL,
  sent_by TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  answered_at TEXT,
  completed_at TEXT,
  withdrawn_at TEXT,
  respond_by TEXT NOT NULL,
  -- Comma-separated field codes (domain/casework/onward_referral.h).
  shared_fields TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX onward_referrals_case ON onward_referrals (case_id, sent_at, id);
-- A partner's inbox, newest first; and its breaches.
CREATE INDEX onward_referrals_inbox ON onward_referrals (directory_organization_id, sent_at DESC, id DESC);
CREATE INDEX onward_referrals_waiting ON onward_referrals (directory_organization_id, respond_by) WHERE state = 'sent';
