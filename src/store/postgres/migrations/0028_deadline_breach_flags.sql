-- Victims' Code clocks and onward referrals' respond-by dates that ran out are flagged once by
-- the deadline-breach job (a timeline event and a task for the case holder): the time it did,
-- set only by the statement that flags, so a second run or a second process flags nothing twice.
ALTER TABLE case_deadlines ADD COLUMN breach_flagged_at text COLLATE "C";
ALTER TABLE onward_referrals ADD COLUMN breach_flagged_at text COLLATE "C";

-- The job reads only what is still to flag: running clocks and unanswered referrals.
CREATE INDEX case_deadlines_to_flag ON case_deadlines (due_date) WHERE met_at IS NULL AND breach_flagged_at IS NULL;
CREATE INDEX onward_referrals_to_flag ON onward_referrals (respond_by) WHERE state = 'sent' AND breach_flagged_at IS NULL;
