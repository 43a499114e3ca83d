-- The queue's filters at a million cases. Each filter is a column of the index the queue walks,
-- after the columns it is ordered by, so a row that does not match is skipped in the index
-- without reading the case itself; the case is read only for the 25 rows shown. Then:
-- - "my cases" and "unallocated" are an equality on who holds the case, which now leads
--   cases_allocated for every case (it covered allocated cases only, so "unallocated" walked
--   past every allocated case in queue order: 20-30 ms);
-- - the rare flags (awaiting consent, possible duplicate) have small indexes of their own, so
--   a filter that matches few or none reads only those (the duplicate filter walked every open
--   case when none matched: two seconds).
-- Measured on 1,000,000 cases (bench/README.md, P6).
DROP INDEX cases_queue;
DROP INDEX cases_allocated;
CREATE INDEX cases_queue ON cases (holder_organisation_id, is_open, risk_rank DESC, next_due, opened_at, id,
  area, local_authority, channel, enhanced, consent_state, allocated_to, service_id, possible_duplicate);
CREATE INDEX cases_allocated ON cases (allocated_to, holder_organisation_id, is_open, risk_rank DESC, next_due,
  opened_at, id, area, local_authority, channel, enhanced, consent_state, service_id, possible_duplicate);
CREATE INDEX cases_queue_awaiting_consent ON cases (holder_organisation_id, is_open, risk_rank DESC, next_due,
  opened_at, id, area, local_authority, channel, enhanced, allocated_to, service_id, possible_duplicate)
  WHERE consent_state = 'awaiting_consent';
CREATE INDEX cases_queue_possible_duplicates ON cases (holder_organisation_id, is_open, risk_rank DESC, next_due,
  opened_at, id, area, local_authority, channel, enhanced, consent_state, allocated_to, service_id)
  WHERE possible_duplicate = 1;
