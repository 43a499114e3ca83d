-- Field-level encryption of the largest holders of special-category data (issue 17): a
-- referral's document (names, contact details, the account of the crime) and the DASH / S-DASH
-- answers of a risk assessment are stored sealed with the notes key, like case notes, the key's
-- id beside each (store/sql/sealed_fields.h). An empty key id: the value is plain, as every row
-- written before this migration is until `victim-gateway rotate-keys` seals it (the rotation
-- treats it as under no key); a reader opens either form. Nothing in SQL reads these values: a
-- duplicate is matched on victim_key, a person on person_match_keys, a case on its own columns.
ALTER TABLE referrals ADD COLUMN document_key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE case_risk_assessments ADD COLUMN dash_key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE case_risk_assessments ADD COLUMN sdash_key_id TEXT NOT NULL DEFAULT '';
