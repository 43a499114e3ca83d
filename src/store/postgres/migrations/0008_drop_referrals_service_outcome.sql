-- Routing counted open cases per service with this index until the counts were kept in
-- service_open_cases (0006); nothing reads referrals by service and outcome now, and every
-- referral stored paid for one more index entry. Casework's lists will add the index they need.
DROP INDEX referrals_service_outcome;
