-- The public directory (Open Referral HSDS 3.0): each object keeps its JSON document beside the
-- facets search and paging need. Join tables make crime-type and area filters index lookups.

CREATE TABLE organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX organizations_name ON organizations (name, id);

CREATE TABLE taxonomies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX taxonomies_name ON taxonomies (name, id);

CREATE TABLE taxonomy_terms (
  id TEXT PRIMARY KEY,
  taxonomy_id TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_id TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX taxonomy_terms_name ON taxonomy_terms (name, id);
CREATE INDEX taxonomy_terms_taxonomy ON taxonomy_terms (taxonomy_id, name, id);

-- row_id is the integer key the full-text index points at; id is the HSDS identifier.
CREATE TABLE services (
  row_id INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  organization_id TEXT NOT NULL REFERENCES organizations (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  document TEXT NOT NULL,
  minimum_age INTEGER,
  maximum_age INTEGER,
  self_referral INTEGER NOT NULL,
  search_text TEXT NOT NULL
);
-- Covers every facet search filters and orders on: counting and paging scan this slim index in
-- name order and never touch the wide rows (documents) except for the page they return.
CREATE INDEX services_facets
  ON services (name, id, organization_id, status, minimum_age, maximum_age);

-- External-content FTS5 index over services.search_text, kept in step by the triggers below.
CREATE VIRTUAL TABLE services_fts USING fts5 (
  search_text,
  content = 'services',
  content_rowid = 'row_id',
  tokenize = 'porter unicode61'
);

CREATE TRIGGER services_fts_after_insert AFTER INSERT ON services BEGIN
  INSERT INTO services_fts (rowid, search_text) VALUES (new.row_id, new.search_text);
END;

CREATE TRIGGER services_fts_after_delete AFTER DELETE ON services BEGIN
  INSERT INTO services_fts (services_fts, rowid, search_text)
    VALUES ('delete', old.row_id, old.search_text);
END;

CREATE TRIGGER services_fts_after_update AFTER UPDATE ON services BEGIN
  INSERT INTO services_fts (services_fts, rowid, search_text)
    VALUES ('delete', old.row_id, old.search_text);
  INSERT INTO services_fts (rowid, search_text) VALUES (new.row_id, new.search_text);
END;

-- position keeps each service's lists in the order they were given.
CREATE TABLE service_taxonomy_terms (
  service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  term_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (service_id, term_id)
) WITHOUT ROWID;
CREATE INDEX service_taxonomy_terms_term ON service_taxonomy_terms (term_id, service_id);

CREATE TABLE service_areas (
  service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  area_code TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (service_id, area_code)
) WITHOUT ROWID;
CREATE INDEX service_areas_area ON service_areas (area_code, service_id);

CREATE TABLE service_at_locations (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES services (id),
  location_id TEXT NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX service_at_locations_service ON service_at_locations (service_id, id);

-- ONS postcode lookup: normalised postcode ("L18AA") to local authority GSS code.
CREATE TABLE postcodes (
  postcode TEXT PRIMARY KEY,
  lad_code TEXT NOT NULL
) WITHOUT ROWID;
