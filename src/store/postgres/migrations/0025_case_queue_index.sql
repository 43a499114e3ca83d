-- The queue at a million cases: "not closed" as an equality the index can lead with, so a
-- holder's open cases come out of the index already in queue order (highest risk, nearest
-- clock, oldest) and the first page reads 25 index entries instead of sorting every open case.
ALTER TABLE cases ADD COLUMN is_open integer GENERATED ALWAYS AS (CASE WHEN status <> 'closed' THEN 1 ELSE 0 END) STORED;
DROP INDEX cases_queue;
DROP INDEX cases_allocated;
CREATE INDEX cases_queue ON cases (holder_organisation_id, is_open, risk_rank DESC, next_due, opened_at, id);
CREATE INDEX cases_allocated ON cases (allocated_to, is_open, risk_rank DESC, next_due, opened_at, id) WHERE allocated_to <> '';
