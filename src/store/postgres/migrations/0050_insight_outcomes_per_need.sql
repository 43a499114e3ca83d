-- Issue 15: a month's fact groups keep their outcomes at close as counts per need (the table
-- below), not as one group per whole set of outcomes: the sets multiply with real cases, the
-- counts per need do not, and every reader only ever added them up per need. Also marks every
-- month stale, so its figures are worked out again with what insight now counts (needs at
-- assessment, outcomes per need, onward referrals, days taken, repeat victims).
DROP TABLE insight_month_groups;
CREATE TABLE insight_month_groups (
  area text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,
  service_id text COLLATE "C" NOT NULL,
  funding_stream text COLLATE "C" NOT NULL,
  enhanced boolean NOT NULL,
  referrals bigint NOT NULL,
  contacted bigint NOT NULL,
  supported bigint NOT NULL,
  closed bigint NOT NULL,
  assessed bigint NOT NULL,
  first_contact_met bigint NOT NULL,
  first_contact_breached bigint NOT NULL,
  needs_assessment_met bigint NOT NULL,
  needs_assessment_breached bigint NOT NULL,
  police_referral_met bigint NOT NULL,
  police_referral_breached bigint NOT NULL,
  restorative_justice_met bigint NOT NULL,
  restorative_justice_breached bigint NOT NULL,
  PRIMARY KEY (area, month, service_id, funding_stream, enhanced)
);

-- Referrals of the group closed with `outcome` for the need `need`.
CREATE TABLE insight_month_outcomes (
  area text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,
  service_id text COLLATE "C" NOT NULL,
  funding_stream text COLLATE "C" NOT NULL,
  enhanced boolean NOT NULL,
  need text COLLATE "C" NOT NULL,
  outcome text COLLATE "C" NOT NULL,
  referrals bigint NOT NULL,
  PRIMARY KEY (area, month, service_id, funding_stream, enhanced, need, outcome)
);

DELETE FROM insight_month_counts;
INSERT INTO insight_stale_months (area, month)
SELECT DISTINCT area, received_month FROM referral_facts ON CONFLICT DO NOTHING;
