-- Each caseworker's open cases, kept by triggers as cases are allocated, handed over and closed,
-- so a team leader's case page (which shows every caseworker's load beside the allocation form)
-- reads a row per caseworker instead of counting the team's open cases on every view: at a
-- million cases that count was most of the page's time. "Open" is is_open (0025), so a status
-- added later that ends a case is followed without touching this. Counted once per statement, as
-- 0007 does for services, so a bulk insert does not walk a growing chain of row versions.
CREATE TABLE caseloads (
  team_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  open_cases integer NOT NULL,
  PRIMARY KEY (team_id, user_id)
);

INSERT INTO caseloads (team_id, user_id, open_cases)
  SELECT team_id, allocated_to, COUNT(*) FROM cases
  WHERE is_open = 1 AND allocated_to <> ''
  GROUP BY team_id, allocated_to;

CREATE FUNCTION cases_count_caseloads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- PL/pgSQL plans a statement when it first runs it, so each branch names only the transition
  -- tables its own trigger has.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO caseloads AS c (team_id, user_id, open_cases)
      SELECT team_id, allocated_to, COUNT(*) FROM added_rows
      WHERE is_open = 1 AND allocated_to <> ''
      GROUP BY team_id, allocated_to
      ON CONFLICT (team_id, user_id) DO UPDATE SET open_cases = c.open_cases + excluded.open_cases;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE caseloads AS c SET open_cases = c.open_cases - gone.n
      FROM (SELECT team_id, allocated_to, COUNT(*) AS n FROM removed_rows
            WHERE is_open = 1 AND allocated_to <> ''
            GROUP BY team_id, allocated_to) AS gone
      WHERE c.team_id = gone.team_id AND c.user_id = gone.allocated_to;
  ELSE
    INSERT INTO caseloads AS c (team_id, user_id, open_cases)
      SELECT team_id, allocated_to, SUM(n) FROM (
          SELECT team_id, allocated_to, 1 AS n FROM added_rows
            WHERE is_open = 1 AND allocated_to <> ''
          UNION ALL
          SELECT team_id, allocated_to, -1 FROM removed_rows
            WHERE is_open = 1 AND allocated_to <> '') AS moves
      GROUP BY team_id, allocated_to
      HAVING SUM(n) <> 0
      ON CONFLICT (team_id, user_id) DO UPDATE SET open_cases = c.open_cases + excluded.open_cases;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_caseloads_added AFTER INSERT ON cases
  REFERENCING NEW TABLE AS added_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cases_count_caseloads();
CREATE TRIGGER cases_caseloads_removed AFTER DELETE ON cases
  REFERENCING OLD TABLE AS removed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cases_count_caseloads();
CREATE TRIGGER cases_caseloads_changed AFTER UPDATE ON cases
  REFERENCING OLD TABLE AS removed_rows NEW TABLE AS added_rows
  FOR EACH STATEMENT EXECUTE FUNCTION cases_count_caseloads();

-- Only the count above read this index; every case written paid for it.
DROP INDEX cases_team_caseload;
