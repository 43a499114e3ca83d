-- The public directory (Open Referral HSDS 3.0): each object keeps its JSON document (as text,
-- returned exactly as stored) beside the facets search and paging need. COLLATE "C" makes
-- ordering byte order, the same as the SQLite backend, whatever the cluster's locale.

CREATE TABLE organizations (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  description text NOT NULL,
  document text NOT NULL
);
CREATE INDEX organizations_name ON organizations (name, id);

CREATE TABLE taxonomies (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  description text NOT NULL,
  document text NOT NULL
);
CREATE INDEX taxonomies_name ON taxonomies (name, id);

CREATE TABLE taxonomy_terms (
  id text COLLATE "C" PRIMARY KEY,
  taxonomy_id text COLLATE "C" NOT NULL,
  code text NOT NULL,
  name text COLLATE "C" NOT NULL,
  parent_id text NOT NULL,
  document text NOT NULL
);
CREATE INDEX taxonomy_terms_name ON taxonomy_terms (name, id);
CREATE INDEX taxonomy_terms_taxonomy ON taxonomy_terms (taxonomy_id, name, id);

CREATE TABLE services (
  id text COLLATE "C" PRIMARY KEY,
  organization_id text COLLATE "C" NOT NULL REFERENCES organizations (id),
  name text COLLATE "C" NOT NULL,
  description text NOT NULL,
  status text COLLATE "C" NOT NULL,
  document text NOT NULL,
  minimum_age integer,
  maximum_age integer,
  self_referral boolean NOT NULL,
  search_text text NOT NULL,
  -- Maintained by PostgreSQL itself, so it can never drift from search_text.
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED
);
CREATE INDEX services_name ON services (name, id);
CREATE INDEX services_organization ON services (organization_id, name, id);
CREATE INDEX services_status ON services (status, name, id);
CREATE INDEX services_search ON services USING gin (search_vector);

-- position keeps each service's lists in the order they were given.
CREATE TABLE service_taxonomy_terms (
  service_id text COLLATE "C" NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  term_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (service_id, term_id)
);
CREATE INDEX service_taxonomy_terms_term ON service_taxonomy_terms (term_id, service_id);

CREATE TABLE service_areas (
  service_id text COLLATE "C" NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  area_code text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (service_id, area_code)
);
CREATE INDEX service_areas_area ON service_areas (area_code, service_id);

CREATE TABLE service_at_locations (
  id text COLLATE "C" PRIMARY KEY,
  service_id text COLLATE "C" NOT NULL REFERENCES services (id),
  location_id text NOT NULL,
  document text NOT NULL
);
CREATE INDEX service_at_locations_service ON service_at_locations (service_id, id);

-- ONS postcode lookup: normalised postcode ("L18AA") to local authority GSS code.
CREATE TABLE postcodes (
  postcode text COLLATE "C" PRIMARY KEY,
  lad_code text NOT NULL
);
