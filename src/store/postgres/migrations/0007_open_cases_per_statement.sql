-- Open-case counts kept once per statement, not once per row. A group of referrals is one
-- INSERT, and nearly all of it goes to a handful of services: counted row by row, each service's
-- counter row was updated once per referral, and every update in one transaction leaves a new
-- version of the row that the next one must walk past (the chain grows with the group, so the
-- work grew with its square). Now each statement adds its net change per service in one upsert.

DROP TRIGGER referrals_count_open_cases ON referrals;
DROP FUNCTION referrals_count_open_cases();

CREATE FUNCTION referrals_count_open_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- PL/pgSQL plans a statement when it first runs it, so each branch names only the transition
  -- tables its own trigger has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO service_open_cases AS s (area, service_id, open_cases)
      SELECT area, service_id, COUNT(*) FROM added_rows
      WHERE outcome IN ('routed', 'queued') AND service_id <> ''
      GROUP BY area, service_id
      ON CONFLICT (area, service_id) DO UPDATE SET open_cases = s.open_cases + excluded.open_cases;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE service_open_cases AS s SET open_cases = s.open_cases - gone.n
      FROM (SELECT area, service_id, COUNT(*) AS n FROM removed_rows
            WHERE outcome IN ('routed', 'queued') AND service_id <> ''
            GROUP BY area, service_id) AS gone
      WHERE s.area = gone.area AND s.service_id = gone.service_id;
  ELSE
    -- Every update fires this (a transition table rules out a column list); one that leaves
    -- area, outcome and service alone nets to nothing and writes nothing.
    INSERT INTO service_open_cases AS s (area, service_id, open_cases)
      SELECT area, service_id, SUM(n) FROM (
          SELECT area, service_id, 1 AS n FROM added_rows
            WHERE outcome IN ('routed', 'queued') AND service_id <> ''
          UNION ALL
          SELECT area, service_id, -1 FROM removed_rows
            WHERE outcome IN ('routed', 'queued') AND service_id <> '') AS moves
      GROUP BY area, service_id
      HAVING SUM(n) <> 0
      ON CONFLICT (area, service_id) DO UPDATE SET open_cases = s.open_cases + excluded.open_cases;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER referrals_open_cases_added AFTER INSERT ON referrals
  REFERENCING NEW TABLE AS added_rows
  FOR EACH STATEMENT EXECUTE FUNCTION referrals_count_open_cases();
CREATE TRIGGER referrals_open_cases_removed AFTER DELETE ON referrals
  REFERENCING OLD TABLE AS removed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION referrals_count_open_cases();
CREATE TRIGGER referrals_open_cases_changed AFTER UPDATE ON referrals
  REFERENCING OLD TABLE AS removed_rows NEW TABLE AS added_rows
  FOR EACH STATEMENT EXECUTE FUNCTION referrals_count_open_cases();

-- The decision and the referral's document run to a few kilobytes, so PostgreSQL compresses
-- them out of line; lz4 does that several times faster than the default pglz, for rows written
-- from now on.
ALTER TABLE referrals ALTER COLUMN document SET COMPRESSION lz4,
                      ALTER COLUMN assessment SET COMPRESSION lz4;
ALTER TABLE idempotency_keys ALTER COLUMN response_body SET COMPRESSION lz4;
