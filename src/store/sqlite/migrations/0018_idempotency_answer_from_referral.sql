-- A retry with an Idempotency-Key is now answered from the referral the key points to, rendered
-- as the create was answered; the answer's status and body were a copy of that, written with
-- every create, so they go.
ALTER TABLE idempotency_keys DROP COLUMN response_body;
ALTER TABLE idempotency_keys DROP COLUMN status;
