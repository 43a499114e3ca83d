-- Person match keys found to be common: more referrals share the digest than the intake links on
-- (app/intake/referral_creation.cpp's kCommonKeyAbove, 50: a switchboard's or a refuge's number
-- names no one person). A create looks a common key up here in one row instead of reading the
-- fifty-one referrals that share it, and stores no more person_match_keys rows for it.
-- Common once, common forever: a mark is never removed, even when erasing referrals later leaves
-- fewer sharing it. A number that many referrals gave is still no one person's, and an exact
-- count instead would be one row that every create giving the number must update, so creates of
-- a switchboard's callers on PostgreSQL would queue on its lock.
CREATE TABLE common_person_keys (
  digest TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Keys already common when this migration runs.
INSERT INTO common_person_keys (digest)
  SELECT digest FROM person_match_keys GROUP BY digest HAVING count(*) > 50;
