-- Issue 15: two more Victims' Code facts per referral, for compliance insight. NULL means there is
-- nothing to evidence (yet). police_referral_met: received on or before the police referral
-- clock's due date (intake's, in the stored assessment); NULL without a date reported.
-- restorative_justice_met: the case records a restorative justice offer (1), or closed without
-- one (0); NULL while open without one. Rows written before this migration get both from the
-- referral and its case while they are still held; a row whose referral retention has already
-- erased keeps NULL (it can no longer be evidenced, and is counted in neither).
ALTER TABLE referral_facts ADD COLUMN police_referral_met INTEGER;
ALTER TABLE referral_facts ADD COLUMN restorative_justice_met INTEGER;

UPDATE referral_facts SET police_referral_met = (
  SELECT CASE WHEN referral_facts.received_on <= json_extract(d.value, '$.due_date') THEN 1 ELSE 0 END
  FROM referrals r, json_each(CASE WHEN json_valid(r.assessment) THEN r.assessment ELSE '{}' END, '$.deadlines') d
  WHERE r.id = referral_facts.fact_id AND json_extract(d.value, '$.code') = 'police_referral');

UPDATE referral_facts SET restorative_justice_met =
  CASE WHEN EXISTS (SELECT 1 FROM case_restorative_justice j WHERE j.case_id = referral_facts.fact_id) THEN 1
       WHEN closed_on IS NOT NULL AND EXISTS (SELECT 1 FROM cases c WHERE c.id = referral_facts.fact_id) THEN 0
  END;
