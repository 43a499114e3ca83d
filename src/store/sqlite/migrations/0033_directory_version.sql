-- One number that moves on with every write to the directory, whichever process makes it: each
-- process keeps a search index of the directory in memory and rebuilds it when this differs from
-- the number it was built at. Triggers bump it inside the writer's own transaction, so no writer
-- (import, admin form, a future one) can forget, and a reader never sees new rows with an old
-- number. SQLite has only row triggers: a batch bumps it once a row, which costs microseconds.
CREATE TABLE directory_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 1);

CREATE TRIGGER organizations_version_insert AFTER INSERT ON organizations BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER organizations_version_update AFTER UPDATE ON organizations BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER organizations_version_delete AFTER DELETE ON organizations BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomies_version_insert AFTER INSERT ON taxonomies BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomies_version_update AFTER UPDATE ON taxonomies BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomies_version_delete AFTER DELETE ON taxonomies BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_terms_version_insert AFTER INSERT ON taxonomy_terms BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_terms_version_update AFTER UPDATE ON taxonomy_terms BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER taxonomy_terms_version_delete AFTER DELETE ON taxonomy_terms BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_version_insert AFTER INSERT ON services BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_version_update AFTER UPDATE ON services BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER services_version_delete AFTER DELETE ON services BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_taxonomy_terms_version_insert AFTER INSERT ON service_taxonomy_terms BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_taxonomy_terms_version_update AFTER UPDATE ON service_taxonomy_terms BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_taxonomy_terms_version_delete AFTER DELETE ON service_taxonomy_terms BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_areas_version_insert AFTER INSERT ON service_areas BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_areas_version_update AFTER UPDATE ON service_areas BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_areas_version_delete AFTER DELETE ON service_areas BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_at_locations_version_insert AFTER INSERT ON service_at_locations BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_at_locations_version_update AFTER UPDATE ON service_at_locations BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER service_at_locations_version_delete AFTER DELETE ON service_at_locations BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
