-- Sign-in throttling replaces the account lock an outsider could set off: failed sign-ins are
-- counted per bucket (a keyed hash of an address, of an account's email, or of the pair), shared
-- by every server process, and answered with a growing wait rather than a fixed lock. `user_id`
-- is kept with account and pair buckets so an operator's `users unlock` can clear them; it is
-- empty for buckets of addresses and of emails with no account.
CREATE TABLE sign_in_counters (
  bucket text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL DEFAULT '',
  failures integer NOT NULL DEFAULT 0,
  last_failure_at text COLLATE "C" NOT NULL,
  signed_in_at text COLLATE "C"
);
CREATE INDEX sign_in_counters_user ON sign_in_counters (user_id);
CREATE INDEX sign_in_counters_last_failure ON sign_in_counters (last_failure_at);
