-- How many open cases each service holds, kept by a trigger as referrals come, change and go, so
-- routing reads a handful of rows instead of counting the area's referrals (which grew with
-- every referral ever taken). Once casework closes cases, the trigger follows them.
CREATE TABLE service_open_cases (
  area text NOT NULL,
  service_id text NOT NULL,
  open_cases integer NOT NULL,
  PRIMARY KEY (area, service_id)
);

INSERT INTO service_open_cases (area, service_id, open_cases)
  SELECT area, service_id, COUNT(*) FROM referrals
  WHERE outcome IN ('routed', 'queued') AND service_id <> ''
  GROUP BY area, service_id;

CREATE FUNCTION referrals_count_open_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.outcome IN ('routed', 'queued') AND OLD.service_id <> '' THEN
    UPDATE service_open_cases SET open_cases = open_cases - 1
      WHERE area = OLD.area AND service_id = OLD.service_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.outcome IN ('routed', 'queued') AND NEW.service_id <> '' THEN
    INSERT INTO service_open_cases (area, service_id, open_cases)
      VALUES (NEW.area, NEW.service_id, 1)
      ON CONFLICT (area, service_id)
      DO UPDATE SET open_cases = service_open_cases.open_cases + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER referrals_count_open_cases
  AFTER INSERT OR DELETE OR UPDATE OF area, outcome, service_id ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_count_open_cases();
