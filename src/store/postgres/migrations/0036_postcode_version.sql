-- One number that moves on with every write to the postcode lookup, whichever process makes it,
-- as directory_version does for the directory: a process that holds the (small) lookup in memory
-- beside its search index loads it again when this differs from the number it loaded at. Its own
-- counter, so an import of postcodes never rebuilds the service index, nor an edit of a service
-- reloads the postcodes. A statement trigger: a whole file's batch bumps it once a statement.
CREATE TABLE postcode_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO postcode_version (id, version) VALUES (1, 1);

CREATE FUNCTION postcode_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE postcode_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER postcodes_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON postcodes FOR EACH STATEMENT EXECUTE FUNCTION postcode_version_bump();
