-- What each organisation may send (its areas and, for a force, its police force codes), and
-- referrals held as possible duplicates. Organisations already stored get empty lists: they send
-- nothing until an administrator sets them (`users create-organisation --id … --areas …`), because
-- a sender bound to nothing is exactly how another force's crime reference could be planted.
ALTER TABLE organisations ADD COLUMN areas TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN police_force_codes TEXT NOT NULL DEFAULT '';

-- The referral this one may repeat, when it came from another sender than the force that owns the
-- crime reference: held from any contact until a person decides. Empty: not held.
ALTER TABLE referrals ADD COLUMN possible_duplicate_of TEXT NOT NULL DEFAULT '';

-- One referral per force, crime reference and victim FROM EACH SENDER: a referral from another
-- sender is stored beside it (and held), never discarded. Self-referrals (no sender) are never
-- duplicates of each other here.
DROP INDEX referrals_crime_reference;
CREATE UNIQUE INDEX referrals_crime_reference_sender
  ON referrals (police_force_code, crime_reference, victim_key, source_organisation_id)
  WHERE police_force_code <> '' AND crime_reference <> '' AND victim_key <> '';

-- The demo organisations (fixed ids, "(demo)" in their names; never in a live deployment) get
-- what the demo data gives them, so a demo database made before this migration still works
-- after it (`make run` loads demo data only into an empty database).
UPDATE organisations SET areas = 'greater-manchester merseyside staffordshire'
  WHERE id = '7a1c0e52-3d4b-4c1e-9f00-000000000001';
UPDATE organisations SET areas = 'merseyside'
  WHERE id IN ('7a1c0e52-3d4b-4c1e-9f00-000000000002', '7a1c0e52-3d4b-4c1e-9f00-000000000004',
               '7a1c0e52-3d4b-4c1e-9f00-000000000005');
UPDATE organisations SET areas = 'merseyside', police_force_codes = 'E23000004'
  WHERE id = '7a1c0e52-3d4b-4c1e-9f00-000000000003';
