-- Casework: every referral becomes a case in its area's gateway team queue, held by a named
-- caseworker, with its Victims' Code clocks and a timeline. The case row holds the facts queues
-- filter and order by, and who holds it; the victim's details stay in the referral's document.

-- A gateway team: one gateway organisation's people for one area.
CREATE TABLE teams (
  id text COLLATE "C" PRIMARY KEY,
  organisation_id text COLLATE "C" NOT NULL REFERENCES organisations (id),
  area text COLLATE "C" NOT NULL,
  name text NOT NULL
);
CREATE INDEX teams_area ON teams (area, id);

-- A caseworker's team, skills (comma-separated codes) and how many open cases they can hold.
CREATE TABLE team_members (
  user_id text COLLATE "C" PRIMARY KEY REFERENCES users (id),
  team_id text COLLATE "C" NOT NULL REFERENCES teams (id),
  skills text NOT NULL,
  capacity integer NOT NULL
);
CREATE INDEX team_members_team ON team_members (team_id);

CREATE TABLE cases (
  id text COLLATE "C" PRIMARY KEY REFERENCES referrals (id),
  reference text COLLATE "C" NOT NULL,
  area text COLLATE "C" NOT NULL,
  local_authority text COLLATE "C" NOT NULL,
  channel text COLLATE "C" NOT NULL,
  offence_category text COLLATE "C" NOT NULL,
  service_id text COLLATE "C" NOT NULL,
  risk_rank integer NOT NULL,
  enhanced integer NOT NULL,
  consent_state text COLLATE "C" NOT NULL,
  possible_duplicate integer NOT NULL,
  needs_skills text NOT NULL,
  source_organisation_id text COLLATE "C" NOT NULL,
  team_id text COLLATE "C" NOT NULL,
  holder_organisation_id text COLLATE "C" NOT NULL,
  allocated_to text COLLATE "C" NOT NULL,
  status text COLLATE "C" NOT NULL,
  -- The nearest running Victims' Code clock (YYYY-MM-DD); '9999-12-31' when none runs, so
  -- cases with a clock sort first.
  next_due text COLLATE "C" NOT NULL,
  handovers integer NOT NULL,
  opened_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  version bigint NOT NULL
);
-- The queue: a holder's open cases, highest risk first, then the nearest clock.
CREATE INDEX cases_queue ON cases (holder_organisation_id, status, risk_rank DESC, next_due, opened_at, id);
CREATE INDEX cases_allocated ON cases (allocated_to, status, risk_rank DESC, next_due) WHERE allocated_to <> '';
CREATE INDEX cases_team_caseload ON cases (team_id, allocated_to) WHERE status <> 'closed';
CREATE INDEX cases_unheld ON cases (area) WHERE team_id = '';

CREATE TABLE case_deadlines (
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  code text COLLATE "C" NOT NULL,
  due_date text COLLATE "C" NOT NULL,
  working_days integer NOT NULL,
  met_at text COLLATE "C",
  PRIMARY KEY (case_id, code)
);

CREATE TABLE case_events (
  seq bigserial PRIMARY KEY,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
  at text COLLATE "C" NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  detail text NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, seq);

-- A referral held as a possible duplicate shows so in its case's queue row.
CREATE FUNCTION cases_possible_duplicate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET possible_duplicate = CASE WHEN NEW.possible_duplicate_of <> '' THEN 1 ELSE 0 END
  WHERE id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_possible_duplicate AFTER UPDATE OF possible_duplicate_of ON referrals
  FOR EACH ROW EXECUTE FUNCTION cases_possible_duplicate();

-- Referrals stored before casework become cases now, with the facts their stored decision and
-- document hold. They have no team yet: the area's team adopts them when it is created.
-- A document that is not JSON (none should be) reads as empty rather than stopping the upgrade.
CREATE FUNCTION pg_temp.as_jsonb(text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN $1::jsonb;
EXCEPTION WHEN others THEN
  RETURN '{}'::jsonb;
END $$;

INSERT INTO cases (id, reference, area, local_authority, channel, offence_category, service_id,
                   risk_rank, enhanced, consent_state, possible_duplicate, needs_skills,
                   source_organisation_id, team_id, holder_organisation_id, allocated_to, status,
                   next_due, handovers, opened_at, updated_at, version)
SELECT r.id, r.reference, r.area,
       COALESCE(pg_temp.as_jsonb(r.document) ->> 'local_authority', ''),
       r.channel,
       COALESCE(pg_temp.as_jsonb(r.document) ->> 'offence_category', ''),
       r.service_id,
       CASE pg_temp.as_jsonb(r.assessment) #>> '{risk,level}' WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END,
       CASE WHEN (pg_temp.as_jsonb(r.assessment) ->> 'enhanced_rights') = 'true' THEN 1 ELSE 0 END,
       r.consent_state,
       CASE WHEN r.possible_duplicate_of <> '' THEN 1 ELSE 0 END,
       '', COALESCE(r.source_organisation_id, ''), '', '', '', 'open',
       COALESCE((SELECT min(d ->> 'due_date') FROM jsonb_array_elements(pg_temp.as_jsonb(r.assessment) -> 'deadlines') d
                 WHERE d ->> 'code' IN ('first_contact', 'needs_assessment')), '9999-12-31'),
       0, r.received_at, r.received_at, 1
FROM referrals r;

INSERT INTO case_deadlines (case_id, code, due_date, working_days, met_at)
SELECT r.id, d ->> 'code', d ->> 'due_date', (d ->> 'working_days')::integer, NULL
FROM referrals r, jsonb_array_elements(pg_temp.as_jsonb(r.assessment) -> 'deadlines') d
WHERE d ->> 'code' IN ('first_contact', 'needs_assessment');
