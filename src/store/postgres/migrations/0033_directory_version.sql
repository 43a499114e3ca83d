-- One number that moves on with every write to the directory, whichever process makes it: each
-- process keeps a search index of the directory in memory and rebuilds it when this differs from
-- the number it was built at. Triggers bump it inside the writer's own transaction, so no writer
-- (import, admin form, a future one) can forget, and a reader never sees new rows with an old
-- number. Statement triggers: a batch of thousands of rows bumps it once a statement.
CREATE TABLE directory_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 1);

CREATE FUNCTION directory_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON organizations FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
CREATE TRIGGER taxonomies_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON taxonomies FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
CREATE TRIGGER taxonomy_terms_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON taxonomy_terms FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
CREATE TRIGGER services_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON services FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
CREATE TRIGGER service_taxonomy_terms_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON service_taxonomy_terms FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
CREATE TRIGGER service_areas_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON service_areas FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
CREATE TRIGGER service_at_locations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON service_at_locations FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
