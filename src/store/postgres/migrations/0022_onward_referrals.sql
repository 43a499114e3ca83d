-- Onward referrals: a case referred on to a directory service and the partner's answers to it
-- (sent → accepted | declined → completed, or withdrawn), each change timed, with the date the
-- partner must accept or decline by. The partner's inbox is its directory organisation's rows.
-- No personal data here: what the partner may see is read from the referral's document through
-- the shared field list.
CREATE TABLE onward_referrals (
  id text COLLATE "C" PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  service_id text COLLATE "C" NOT NULL,
  directory_organization_id text COLLATE "C" NOT NULL,
  area text COLLATE "C" NOT NULL,
  state text COLLATE "C" NOT NULL,
  reason text COLLATE "C" NOT NULL,
  outcome text COLLATE "C" NOT NULL,
  sent_by text COLLATE "C" NOT NULL,
  sent_at text COLLATE "C" NOT NULL,
  answered_at text COLLATE "C",
  completed_at text COLLATE "C",
  withdrawn_at text COLLATE "C",
  respond_by text COLLATE "C" NOT NULL,
  -- Comma-separated field codes (domain/casework/onward_referral.h).
  shared_fields text COLLATE "C" NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX onward_referrals_case ON onward_referrals (case_id, sent_at, id);
-- A partner's inbox, newest first; and its breaches.
CREATE INDEX onward_referrals_inbox ON onward_referrals (directory_organization_id, sent_at DESC, id DESC);
CREATE INDEX onward_referrals_waiting ON onward_referrals (directory_organization_id, respond_by) WHERE state = 'sent';
