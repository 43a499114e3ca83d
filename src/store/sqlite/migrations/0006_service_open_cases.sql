-- How many open cases each service holds, kept by triggers as referrals come, change and go, so
-- routing reads a handful of rows instead of counting the area's referrals (which grew with
-- every referral ever taken). Once casework closes cases, the update trigger follows them.
CREATE TABLE service_open_cases (
  area TEXT NOT NULL,
  service_id TEXT NOT NULL,
  open_cases INTEGER NOT NULL,
  PRIMARY KEY (area, service_id)
) WITHOUT ROWID;

INSERT INTO service_open_cases (area, service_id, open_cases)
  SELECT area, service_id, COUNT(*) FROM referrals
  WHERE outcome IN ('routed', 'queued') AND service_id <> ''
  GROUP BY area, service_id;

CREATE TRIGGER referrals_open_case_added AFTER INSERT ON referrals
  WHEN NEW.outcome IN ('routed', 'queued') AND NEW.service_id <> ''
BEGIN
  INSERT INTO service_open_cases (area, service_id, open_cases)
    VALUES (NEW.area, NEW.service_id, 1)
    ON CONFLICT (area, service_id) DO UPDATE SET open_cases = open_cases + 1;
END;

CREATE TRIGGER referrals_open_case_removed AFTER DELETE ON referrals
  WHEN OLD.outcome IN ('routed', 'queued') AND OLD.service_id <> ''
BEGIN
  UPDATE service_open_cases SET open_cases = open_cases - 1
    WHERE area = OLD.area AND service_id = OLD.service_id;
END;

CREATE TRIGGER referrals_open_case_changed AFTER UPDATE OF area, outcome, service_id ON referrals
BEGIN
  UPDATE service_open_cases SET open_cases = open_cases - 1
    WHERE area = OLD.area AND service_id = OLD.service_id
      AND OLD.outcome IN ('routed', 'queued') AND OLD.service_id <> '';
  INSERT INTO service_open_cases (area, service_id, open_cases)
    SELECT NEW.area, NEW.service_id, 1
    WHERE NEW.outcome IN ('routed', 'queued') AND NEW.service_id <> ''
    ON CONFLICT (area, service_id) DO UPDATE SET open_cases = open_cases + 1;
END;
