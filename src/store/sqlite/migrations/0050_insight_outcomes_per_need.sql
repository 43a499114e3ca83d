-- Issue 15: a month's fact groups keep their outcomes at close as counts per need (the table
-- below), not as one group per whole set of outcomes: the sets multiply with real cases, the
-- counts per need do not, and every reader only ever added them up per need. Also marks every
-- month stale, so its figures are worked out again with what insight now counts (needs at
-- assessment, outcomes per need, onward referrals, days taken, repeat victims).
DROP TABLE insight_month_groups;
CREATE TABLE insight_month_groups (
  area TEXT NOT NULL,
  month TEXT NOT NULL,
  service_id TEXT NOT NULL,
  funding_stream TEXT NOT NULL,
  enhanced INTEGER NOT NULL,
  referrals INTEGER NOT NULL,
  contacted INTEGER NOT NULL,
  supported INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  assessed INTEGER NOT NULL,
  first_contact_met INTEGER NOT NULL,
  first_contact_breached INTEGER NOT NULL,
  needs_assessment_met INTEGER NOT NULL,
  needs_assessment_breached INTEGER NOT NULL,
  police_referral_met INTEGER NOT NULL,
  police_referral_breached INTEGER NOT NULL,
  restorative_justice_met INTEGER NOT NULL,
  restorative_justice_breached INTEGER NOT NULL,
  PRIMARY KEY (area, month, service_id, funding_stream, enhanced)
) WITHOUT ROWID;

-- Referrals of the group closed with `outcome` for the need `need`.
CREATE TABLE insight_month_outcomes (
  area TEXT NOT NULL,
  month TEXT NOT NULL,
  service_id TEXT NOT NULL,
  funding_stream TEXT NOT NULL,
  enhanced INTEGER NOT NULL,
  need TEXT NOT NULL,
  outcome TEXT NOT NULL,
  referrals INTEGER NOT NULL,
  PRIMARY KEY (area, month, service_id, funding_stream, enhanced, need, outcome)
) WITHOUT ROWID;

DELETE FROM insight_month_counts;
INSERT OR IGNORE INTO insight_stale_months (area, month) SELECT DISTINCT area, received_month FROM referral_facts;
