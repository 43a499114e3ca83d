-- Staff second factor: a TOTP key (RFC 6238) per enrolled user, the last time step a code was
-- spent for (a code is never accepted twice), and single-use recovery codes kept only as SHA-256.
-- The key is held in clear: encrypting fields, with key rotation, is a later change.
-- A session records how far its sign-in has got: only 'signed_in' is a signed-in person; a
-- session half-way ('code', 'enrol') reaches only the second-factor pages.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
ALTER TABLE users ADD COLUMN totp_enrolled_at TEXT;

ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'signed_in';
ALTER TABLE sessions ADD COLUMN enrolment_secret TEXT NOT NULL DEFAULT '';

CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
