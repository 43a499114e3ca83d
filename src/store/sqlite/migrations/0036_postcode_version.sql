-- One number that moves on with every write to the postcode lookup, whichever process makes it,
-- as directory_version does for the directory: a process that holds the (small) lookup in memory
-- beside its search index loads it again when this differs from the number it loaded at. Its own
-- counter, so an import of postcodes never rebuilds the service index, nor an edit of a service
-- reloads the postcodes. Row triggers, as SQLite has no other: a microsecond a row.
CREATE TABLE postcode_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO postcode_version (id, version) VALUES (1, 1);

CREATE TRIGGER postcodes_version_insert AFTER INSERT ON postcodes BEGIN
  UPDATE postcode_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER postcodes_version_update AFTER UPDATE ON postcodes BEGIN
  UPDATE postcode_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER postcodes_version_delete AFTER DELETE ON postcodes BEGIN
  UPDATE postcode_version SET version = version + 1 WHERE id = 1;
END;
