-- Staff second factor: a TOTP key (RFC 6238) per enrolled user, the last time step a code was
-- spent for (a code is never accepted twice), and single-use recovery codes kept only as SHA-256.
-- The key is held in clear: encrypting fields, with key rotation, is a later change.
-- A session records how far its sign-in has got: only 'signed_in' is a signed-in person; a
-- session half-way ('code', 'enrol') reaches only the second-factor pages.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_last_step bigint;
ALTER TABLE users ADD COLUMN totp_enrolled_at text COLLATE "C";

ALTER TABLE sessions ADD COLUMN stage text NOT NULL DEFAULT 'signed_in';
ALTER TABLE sessions ADD COLUMN enrolment_secret text NOT NULL DEFAULT '';

CREATE TABLE recovery_codes (
  user_id text COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text COLLATE "C" NOT NULL,
  used_at text COLLATE "C",
  PRIMARY KEY (user_id, code_hash)
);
