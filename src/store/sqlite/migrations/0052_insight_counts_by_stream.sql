-- Issue 15: every figure split by funding stream. A month's kept counts are kept per stream (the
-- all-streams figure is their sum), so the split costs the dashboard no more scans of the facts.
-- Every month is marked stale, so its figures are worked out again per stream.
DROP TABLE insight_month_counts;
CREATE TABLE insight_month_counts (
  area TEXT NOT NULL,
  month TEXT NOT NULL,
  dimension TEXT NOT NULL,
  value TEXT NOT NULL,
  funding_stream TEXT NOT NULL,
  referrals INTEGER NOT NULL,
  PRIMARY KEY (area, month, dimension, value, funding_stream)
) WITHOUT ROWID;

INSERT OR IGNORE INTO insight_stale_months (area, month) SELECT DISTINCT area, received_month FROM referral_facts;
