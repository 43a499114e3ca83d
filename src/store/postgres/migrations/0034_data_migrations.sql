-- Data migrations: steps written in C++ that `victim-gateway migrate` runs after the SQL files
-- (the first: referrals' explanations stored as text become their facts, issue 14). Each is
-- recorded here once done, so a later migrate does not read every row again to find nothing.
CREATE TABLE data_migrations (
  name text PRIMARY KEY,
  applied_at text NOT NULL
);
