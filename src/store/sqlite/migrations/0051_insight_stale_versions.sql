-- Issue 15: the refresh job works a month out in a read snapshot, not inside its write, so intake
-- never waits for it (working out a month of 200,000 facts takes seconds, and SQLite has one
-- writer). To know the month was not written while it counted, every write to a fact gives the
-- month's stale mark a new version from one counter; the refresh clears the mark, and keeps its
-- figures, only if the version is still the one it read (SqlInsight::refresh_month).
ALTER TABLE insight_stale_months ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE insight_stale_counter (n INTEGER NOT NULL);
INSERT INTO insight_stale_counter (n) VALUES (0);

DROP TRIGGER referral_facts_stale_added;
DROP TRIGGER referral_facts_stale_removed;
DROP TRIGGER referral_facts_stale_changed;
CREATE TRIGGER referral_facts_stale_added AFTER INSERT ON referral_facts
BEGIN
  UPDATE insight_stale_counter SET n = n + 1;
  INSERT INTO insight_stale_months (area, month, version)
    VALUES (NEW.area, NEW.received_month, (SELECT n FROM insight_stale_counter))
    ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER referral_facts_stale_removed AFTER DELETE ON referral_facts
BEGIN
  UPDATE insight_stale_counter SET n = n + 1;
  INSERT INTO insight_stale_months (area, month, version)
    VALUES (OLD.area, OLD.received_month, (SELECT n FROM insight_stale_counter))
    ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
END;
CREATE TRIGGER referral_facts_stale_changed AFTER UPDATE ON referral_facts
BEGIN
  UPDATE insight_stale_counter SET n = n + 1;
  INSERT INTO insight_stale_months (area, month, version)
    VALUES (OLD.area, OLD.received_month, (SELECT n FROM insight_stale_counter))
    ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
  INSERT INTO insight_stale_months (area, month, version)
    VALUES (NEW.area, NEW.received_month, (SELECT n FROM insight_stale_counter))
    ON CONFLICT (area, month) DO UPDATE SET version = excluded.version;
END;
