-- Issue 17, subject access: "who looked at my record" reads the audit log's entries about one
-- record (a case's reads and changes), oldest first, without scanning the whole log.
CREATE INDEX audit_log_entity ON audit_log (entity_id, seq);
