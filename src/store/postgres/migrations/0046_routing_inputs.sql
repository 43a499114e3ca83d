-- Issue 15, routing what-if: what routing matched on for each referral (domain/routing/
-- routing_facts.h RoutingInputs: offence flags, category, age band, victim type, risk level,
-- enhanced rights reasons, local authority, needs, hate strands, MARAC, eligibility), as a JSON
-- object of codes, so a draft rule set can be replayed against a past period after retention has
-- erased the referrals. Codes only: no name, no contact detail, no free text.
-- NULL: not known. Rows written before this migration get it from their referral by the data step
-- (app/insight/facts_migration, "0046_routing_inputs"), which derives the codes with the same
-- function the intake uses; a row whose referral retention has already erased keeps NULL, and
-- the what-if counts it as a referral it could not replay.
ALTER TABLE referral_facts ADD COLUMN routing_inputs TEXT;
