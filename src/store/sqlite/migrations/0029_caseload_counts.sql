-- Each caseworker's open cases, kept by triggers as cases are allocated, handed over and closed,
-- so a team leader's case page (which shows every caseworker's load beside the allocation form)
-- reads a row per caseworker instead of counting the team's open cases on every view: at a
-- million cases that count was most of the page's 200 ms. "Open" is is_open (0025), so a status
-- added later that ends a case is followed without touching these triggers.
CREATE TABLE caseloads (
  team_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  open_cases INTEGER NOT NULL,
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;

INSERT INTO caseloads (team_id, user_id, open_cases)
  SELECT team_id, allocated_to, COUNT(*) FROM cases
  WHERE is_open = 1 AND allocated_to <> ''
  GROUP BY team_id, allocated_to;

CREATE TRIGGER cases_caseload_added AFTER INSERT ON cases
  WHEN NEW.is_open = 1 AND NEW.allocated_to <> ''
BEGIN
  INSERT INTO caseloads (team_id, user_id, open_cases) VALUES (NEW.team_id, NEW.allocated_to, 1)
    ON CONFLICT (team_id, user_id) DO UPDATE SET open_cases = open_cases + 1;
END;

CREATE TRIGGER cases_caseload_removed AFTER DELETE ON cases
  WHEN OLD.is_open = 1 AND OLD.allocated_to <> ''
BEGIN
  UPDATE caseloads SET open_cases = open_cases - 1
    WHERE team_id = OLD.team_id AND user_id = OLD.allocated_to;
END;

CREATE TRIGGER cases_caseload_changed AFTER UPDATE ON cases
  WHEN OLD.allocated_to IS NOT NEW.allocated_to OR OLD.is_open IS NOT NEW.is_open
    OR OLD.team_id IS NOT NEW.team_id
BEGIN
  UPDATE caseloads SET open_cases = open_cases - 1
    WHERE team_id = OLD.team_id AND user_id = OLD.allocated_to
      AND OLD.is_open = 1 AND OLD.allocated_to <> '';
  INSERT INTO caseloads (team_id, user_id, open_cases)
    SELECT NEW.team_id, NEW.allocated_to, 1
    WHERE NEW.is_open = 1 AND NEW.allocated_to <> ''
    ON CONFLICT (team_id, user_id) DO UPDATE SET open_cases = open_cases + 1;
END;

-- Only the count above read this index; every case written paid for it.
DROP INDEX cases_team_caseload;
