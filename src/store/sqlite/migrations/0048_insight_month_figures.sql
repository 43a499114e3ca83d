-- Issue 15 (P5): insight's figures per area and month, worked out once from referral_facts and
-- kept, so a dashboard adds up a few hundred rows however many cases there are.
-- A month is stale from the moment a fact in it is written (the triggers below, in the writer's
-- own transaction) until the insight refresh job (app/insight/insight_refresh) works its figures
-- out again and clears it in one transaction. Insight counts a stale month from the facts
-- themselves, so the figures shown are never stale: a stale month is only slower to count.
CREATE TABLE insight_stale_months (
  area TEXT NOT NULL,
  month TEXT NOT NULL,  -- YYYY-MM
  PRIMARY KEY (area, month)
) WITHOUT ROWID;

-- What SqlInsightRows::demand answers for one month: dimension 'totals' (value referrals,
-- accepted, contacted, supported), 'flags' (a flag code) or one of insight::kDimensionCodes.
CREATE TABLE insight_month_counts (
  area TEXT NOT NULL,
  month TEXT NOT NULL,
  dimension TEXT NOT NULL,
  value TEXT NOT NULL,
  referrals INTEGER NOT NULL,
  PRIMARY KEY (area, month, dimension, value)
) WITHOUT ROWID;

-- What SqlInsightRows::fact_groups answers for one month (domain/insight/fact_groups.h).
CREATE TABLE insight_month_groups (
  area TEXT NOT NULL,
  month TEXT NOT NULL,
  service_id TEXT NOT NULL,
  funding_stream TEXT NOT NULL,
  enhanced INTEGER NOT NULL,
  outcomes TEXT NOT NULL,  -- JSON object, as referral_facts.outcomes
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
  restorative_justice_breached INTEGER NOT NULL
);
CREATE INDEX insight_month_groups_area_month ON insight_month_groups (area, month);

-- Every write to a fact marks its month (both months, should an update move it). Any update:
-- a column list would have to follow every figure insight adds, and a needless mark costs one
-- refresh of one month.
CREATE TRIGGER referral_facts_stale_added AFTER INSERT ON referral_facts
BEGIN
  INSERT OR IGNORE INTO insight_stale_months (area, month) VALUES (NEW.area, NEW.received_month);
END;
CREATE TRIGGER referral_facts_stale_removed AFTER DELETE ON referral_facts
BEGIN
  INSERT OR IGNORE INTO insight_stale_months (area, month) VALUES (OLD.area, OLD.received_month);
END;
CREATE TRIGGER referral_facts_stale_changed AFTER UPDATE ON referral_facts
BEGIN
  INSERT OR IGNORE INTO insight_stale_months (area, month) VALUES (OLD.area, OLD.received_month);
  INSERT OR IGNORE INTO insight_stale_months (area, month) VALUES (NEW.area, NEW.received_month);
END;

-- Facts stored already: every month of them is stale until the first refresh.
INSERT OR IGNORE INTO insight_stale_months (area, month) SELECT DISTINCT area, received_month FROM referral_facts;
