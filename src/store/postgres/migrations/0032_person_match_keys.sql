-- The keys a referral's person is recognised by (name with date of birth, phone, a business's
-- name: domain/casework/person_keys.h), so a later referral of the same person from any channel
-- is flagged as a possible duplicate. Only digests are kept, never the keys: this index holds no
-- readable personal data, and erasing a referral erases its keys with it.
CREATE TABLE person_match_keys (
  digest TEXT NOT NULL,
  referral_id TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
  PRIMARY KEY (digest, referral_id)
);
-- Erasing referrals (retention) finds their keys by referral, not by a scan.
CREATE INDEX person_match_keys_referral ON person_match_keys (referral_id);
