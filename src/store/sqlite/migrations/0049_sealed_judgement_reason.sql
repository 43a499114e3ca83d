-- Field-level encryption (issue 17), continued from 0047: the reason a caseworker gives for
-- raising a risk level on professional judgement is their own words about the victim's
-- situation, so it is stored sealed with the notes key like the DASH answers beside it, its key's
-- id in judgement_key_id. Empty: plain, as every row written before this migration is until
-- `victim-gateway rotate-keys` seals it. (marac_reason_texts stays as it is: it is the words for
-- the MARAC reason codes, written by the product, never by a person.)
ALTER TABLE case_risk_assessments ADD COLUMN judgement_key_id TEXT NOT NULL DEFAULT '';
