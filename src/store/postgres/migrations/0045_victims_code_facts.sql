-- Issue 15: two more Victims' Code facts per referral, for compliance insight. NULL means there is
-- nothing to evidence (yet). police_referral_met: received on or before the police referral
-- clock's due date (intake's, in the stored assessment); NULL without a date reported.
-- restorative_justice_met: the case records a restorative justice offer (true), or closed without
-- one (false); NULL while open without one. Rows written before this migration get both from the
-- referral and its case while they are still held; a row whose referral retention has already
-- erased keeps NULL (it can no longer be evidenced, and is counted in neither).
ALTER TABLE referral_facts ADD COLUMN police_referral_met boolean;
ALTER TABLE referral_facts ADD COLUMN restorative_justice_met boolean;

-- A stored assessment that is not JSON (none should be) reads as empty rather than stopping it
-- (0019 may have made the same function earlier in this session: replaced, not refused).
CREATE OR REPLACE FUNCTION pg_temp.as_jsonb(text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN $1::jsonb;
EXCEPTION WHEN others THEN
  RETURN '{}'::jsonb;
END $$;

UPDATE referral_facts f SET police_referral_met = (
  SELECT f.received_on <= (d ->> 'due_date')
  FROM referrals r, jsonb_array_elements(
         CASE WHEN jsonb_typeof(pg_temp.as_jsonb(r.assessment) -> 'deadlines') = 'array'
              THEN pg_temp.as_jsonb(r.assessment) -> 'deadlines' ELSE '[]'::jsonb END) d
  WHERE r.id = f.fact_id AND d ->> 'code' = 'police_referral'
  LIMIT 1);

UPDATE referral_facts f SET restorative_justice_met =
  CASE WHEN EXISTS (SELECT 1 FROM case_restorative_justice j WHERE j.case_id = f.fact_id) THEN true
       WHEN f.closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = f.fact_id) THEN false
  END;
