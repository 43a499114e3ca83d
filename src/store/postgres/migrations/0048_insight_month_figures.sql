-- Issue 15 (P5): insight's figures per area and month, worked out once from referral_facts and
-- kept, so a dashboard adds up a few hundred rows however many cases there are.
-- A month is stale from the moment a fact in it is written (the trigger below, in the writer's
-- own transaction) until the insight refresh job (app/insight/insight_refresh) works its figures
-- out again and clears it in one transaction, which first waits for every writer of facts to
-- finish (SqlInsight::refresh_month). Insight counts a stale month from the facts themselves, so
-- the figures shown are never stale: a stale month is only slower to count.
CREATE TABLE insight_stale_months (
  area text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,  -- YYYY-MM
  PRIMARY KEY (area, month)
);

-- What SqlInsightRows::demand answers for one month: dimension 'totals' (value referrals,
-- accepted, contacted, supported), 'flags' (a flag code) or one of insight::kDimensionCodes.
CREATE TABLE insight_month_counts (
  area text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,
  dimension text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  referrals bigint NOT NULL,
  PRIMARY KEY (area, month, dimension, value)
);

-- What SqlInsightRows::fact_groups answers for one month (domain/insight/fact_groups.h).
CREATE TABLE insight_month_groups (
  area text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,
  service_id TEXT NOT NULL,
  funding_stream TEXT NOT NULL,
  enhanced boolean NOT NULL,
  outcomes TEXT NOT NULL,  -- JSON object, as referral_facts.outcomes
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
  restorative_justice_breached bigint NOT NULL
);
CREATE INDEX insight_month_groups_area_month ON insight_month_groups (area, month);

-- Once per statement (a bulk import writes its facts in one): each month written is marked.
-- Any update: a transition table rules out a column list, and a needless mark costs one
-- refresh of one month.
CREATE FUNCTION referral_facts_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- PL/pgSQL plans a statement when it first runs it, so each branch names only the transition
  -- tables its own trigger has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_stale_months (area, month)
      SELECT DISTINCT area, received_month FROM added_rows ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO insight_stale_months (area, month)
      SELECT DISTINCT area, received_month FROM removed_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO insight_stale_months (area, month)
      SELECT area, received_month FROM added_rows
      UNION SELECT area, received_month FROM removed_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER referral_facts_stale_added AFTER INSERT ON referral_facts
  REFERENCING NEW TABLE AS added_rows
  FOR EACH STATEMENT EXECUTE FUNCTION referral_facts_mark_stale();
CREATE TRIGGER referral_facts_stale_removed AFTER DELETE ON referral_facts
  REFERENCING OLD TABLE AS removed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION referral_facts_mark_stale();
CREATE TRIGGER referral_facts_stale_changed AFTER UPDATE ON referral_facts
  REFERENCING OLD TABLE AS removed_rows NEW TABLE AS added_rows
  FOR EACH STATEMENT EXECUTE FUNCTION referral_facts_mark_stale();

-- Facts stored already: every month of them is stale until the first refresh.
INSERT INTO insight_stale_months (area, month)
  SELECT DISTINCT area, received_month FROM referral_facts ON CONFLICT DO NOTHING;
