-- Issue 15: the de-identified facts of each referral that insight counts (domain/insight/
-- referral_facts.h). Codes, bands, flags and London dates only: no name, no contact detail, no
-- free text. fact_id is the referral's id, so the row is found again when its case changes; it
-- has no foreign key on purpose: the row outlives the referral when retention erases it, so the
-- figures do not change. Insight reads these rows only as counts, never one at a time.
-- Rows for referrals stored before this migration are written by its data step
-- (app/insight/facts_migration), which reads each referral and its case.
CREATE TABLE referral_facts (
  fact_id TEXT PRIMARY KEY,
  area TEXT NOT NULL,
  local_authority TEXT NOT NULL,
  received_on TEXT NOT NULL,     -- YYYY-MM-DD, London
  received_month TEXT NOT NULL,  -- YYYY-MM: insight asks for whole months only
  channel TEXT NOT NULL,
  offence_category TEXT NOT NULL,
  offence_group TEXT NOT NULL,
  victim_type TEXT NOT NULL,
  age_band TEXT NOT NULL,
  funding_stream TEXT NOT NULL,
  non_crime_asb INTEGER NOT NULL,
  enhanced INTEGER NOT NULL,
  vulnerable INTEGER NOT NULL,
  repeat_victim INTEGER NOT NULL,
  dash_high INTEGER NOT NULL,
  domestic_abuse INTEGER NOT NULL,
  hate_crime INTEGER NOT NULL,
  sexual_offence INTEGER NOT NULL,
  routing_outcome TEXT NOT NULL,
  service_id TEXT NOT NULL,
  accepted INTEGER NOT NULL,
  contacted_on TEXT,
  assessed_on TEXT,
  supported_on TEXT,
  closed_on TEXT,
  close_reason TEXT NOT NULL,
  first_contact_met INTEGER,
  needs_assessment_met INTEGER,
  needs_at_assessment TEXT NOT NULL,  -- JSON object: need domain code -> rating code
  outcomes TEXT NOT NULL,             -- JSON object: need domain code -> outcome code
  onward_services TEXT NOT NULL       -- JSON array of "service_id:state", oldest first
) WITHOUT ROWID;
-- Every insight question is one area over a run of whole months.
CREATE INDEX referral_facts_area_month ON referral_facts (area, received_month);
