-- A staff organisation may be one of the directory's organisations (a partner charity runs
-- services in the directory and its caseworkers sign in as staff): casework needs the link to
-- know which services' referrals are theirs. Empty = not in the directory. No foreign key: a
-- directory import replaces organisations by id, and a staff organisation must outlive that.
ALTER TABLE organisations ADD COLUMN directory_organization_id TEXT NOT NULL DEFAULT '';

-- A database made by `demo-data` before this link existed: link the demo partner (RASA
-- Merseyside (demo)) as `demo-data` now does, since `make run` no longer loads demo data again
-- into a database that has it. Matches nothing in any other database (fixed demo ids).
UPDATE organisations SET directory_organization_id = '068423b5-424a-469b-82ba-0fbe2519d480'
WHERE id = '7a1c0e52-3d4b-4c1e-9f00-000000000004' AND directory_organization_id = ''
  AND EXISTS (SELECT 1 FROM organizations WHERE id = '068423b5-424a-469b-82ba-0fbe2519d480');
