-- Issue 15: the refresh job works a month out in a read snapshot, not inside its write, so intake
-- never waits for it, and no longer locks referral_facts (migration 0048's LOCK TABLE). To know
-- the month was not written while it counted, every statement writing facts gives each month it
-- touched a new version from a sequence (no lock between writers); the refresh clears the mark,
-- and keeps its figures, only if the version is still the one it read. A writer whose mark is not
-- yet committed holds the mark's row, so the refresh's delete waits for it and then finds the
-- version moved on (SqlInsight::refresh_month).
ALTER TABLE insight_stale_months ADD COLUMN version bigint NOT NULL DEFAULT 0;
CREATE SEQUENCE insight_stale_version;

CREATE OR REPLACE FUNCTION referral_facts_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- PL/pgSQL plans a statement when it first runs it, so each branch names only the transition
  -- tables its own trigger has. One version per month touched: a month named twice in one
  -- statement would be updated twice by one upsert, which PostgreSQL refuses.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_stale_months (area, month, version)
      SELECT area, month, nextval('insight_stale_version')
      FROM (SELECT DISTINCT area, received_month AS month FROM added_rows) touched
      ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO insight_stale_months (area, month, version)
      SELECT area, month, nextval('insight_stale_version')
      FROM (SELECT DISTINCT area, received_month AS month FROM removed_rows) touched
      ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
  ELSE
    INSERT INTO insight_stale_months (area, month, version)
      SELECT area, month, nextval('insight_stale_version')
      FROM (SELECT area, received_month AS month FROM added_rows
            UNION SELECT area, received_month FROM removed_rows) touched
      ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
  END IF;
  RETURN NULL;
END
$$;
