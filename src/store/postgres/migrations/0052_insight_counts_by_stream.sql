-- Issue 15: every figure split by funding stream. A month's kept counts are kept per stream (the
-- all-streams figure is their sum), so the split costs the dashboard no more scans of the facts.
-- Every month is marked stale, so its figures are worked out again per stream.
DROP TABLE insight_month_counts;
CREATE TABLE insight_month_counts (
  area text COLLATE "C" NOT NULL,
  month text COLLATE "C" NOT NULL,
  dimension text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  funding_stream text COLLATE "C" NOT NULL,
  referrals bigint NOT NULL,
  PRIMARY KEY (area, month, dimension, value, funding_stream)
);

INSERT INTO insight_stale_months (area, month)
SELECT DISTINCT area, received_month FROM referral_facts ON CONFLICT DO NOTHING;
