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
