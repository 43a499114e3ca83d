-- Routing rule sets as loaded, one row per area and version, never changed afterwards: a
-- referral's rule_set_version names the exact rules that routed it. The newest row of an area
-- (highest seq) is the one in force.
CREATE TABLE rule_sets (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  area text COLLATE "C" NOT NULL,
  version text COLLATE "C" NOT NULL,
  document text NOT NULL,
  loaded_at text COLLATE "C" NOT NULL,
  loaded_by text NOT NULL,
  UNIQUE (area, version)
);
CREATE INDEX rule_sets_area ON rule_sets (area, seq);
