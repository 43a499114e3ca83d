-- Routing rule sets as loaded, one row per area and version, never changed afterwards: a
-- referral's rule_set_version names the exact rules that routed it. The newest row of an area
-- (highest seq) is the one in force.
CREATE TABLE rule_sets (
  seq INTEGER PRIMARY KEY,
  area TEXT NOT NULL,
  version TEXT NOT NULL,
  document TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL,
  UNIQUE (area, version)
);
CREATE INDEX rule_sets_area ON rule_sets (area, seq);
