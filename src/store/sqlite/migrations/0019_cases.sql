-- Casework: every referral becomes a case in its area's gateway team queue, held by a named
-- caseworker, with its Victims' Code clocks and a timeline. The case row holds the facts queues
-- filter and order by, and who holds it; the victim's details stay in the referral's document.

-- A gateway team: one gateway organisation's people for one area.
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  area TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX teams_area ON teams (area, id);

-- A caseworker's team, skills (comma-separated codes) and how many open cases they can hold.
CREATE TABLE team_members (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  team_id TEXT NOT NULL REFERENCES teams (id),
  skills TEXT NOT NULL,
  capacity INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX team_members_team ON team_members (team_id);

CREATE TABLE cases (
  id TEXT PRIMARY KEY REFERENCES referrals (id),
  reference TEXT NOT NULL,
  area TEXT NOT NULL,
  local_authority TEXT NOT NULL,
  channel TEXT NOT NULL,
  offence_category TEXT NOT NULL,
  service_id TEXT NOT NULL,
  risk_rank INTEGER NOT NULL,
  enhanced INTEGER NOT NULL,
  consent_state TEXT NOT NULL,
  possible_duplicate INTEGER NOT NULL,
  needs_skills TEXT NOT NULL,
  source_organisation_id TEXT NOT NULL,
  team_id TEXT NOT NULL,
  holder_organisation_id TEXT NOT NULL,
  allocated_to TEXT NOT NULL,
  status TEXT NOT NULL,
  -- The nearest running Victims' Code clock (YYYY-MM-DD); '9999-12-31' when none runs, so
  -- cases with a clock sort first.
  next_due TEXT NOT NULL,
  handovers INTEGER NOT NULL,
  opened_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
-- The queue: a holder's open cases, highest risk first, then the nearest clock.
CREATE INDEX cases_queue ON cases (holder_organisation_id, status, risk_rank DESC, next_due, opened_at, id);
CREATE INDEX cases_allocated ON cases (allocated_to, status, risk_rank DESC, next_due) WHERE allocated_to <> '';
CREATE INDEX cases_team_caseload ON cases (team_id, allocated_to) WHERE status <> 'closed';
CREATE INDEX cases_unheld ON cases (area) WHERE team_id = '';

CREATE TABLE case_deadlines (
  case_id TEXT NOT NULL REFERENCES cases (id),
  code TEXT NOT NULL,
  due_date TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  met_at TEXT,
  PRIMARY KEY (case_id, code)
) WITHOUT ROWID;

CREATE TABLE case_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, seq);

-- A referral held as a possible duplicate shows so in its case's queue row.
CREATE TRIGGER cases_possible_duplicate AFTER UPDATE OF possible_duplicate_of ON referrals
BEGIN
  UPDATE cases SET possible_duplicate = (NEW.possible_duplicate_of <> '') WHERE id = NEW.id;
END;

-- Referrals stored before casework become cases now, with the facts their stored decision and
-- document hold. They have no team yet: the area's team adopts them when it is created.
INSERT INTO cases (id, reference, area, local_authority, channel, offence_category, service_id,
                   risk_rank, enhanced, consent_state, possible_duplicate, needs_skills,
                   source_organisation_id, team_id, holder_organisation_id, allocated_to, status,
                   next_due, handovers, opened_at, updated_at, version)
SELECT r.id, r.reference, r.area,
       COALESCE(json_extract(r.document, '$.local_authority'), ''),
       r.channel,
       COALESCE(json_extract(r.document, '$.offence_category'), ''),
       r.service_id,
       CASE json_extract(r.assessment, '$.risk.level') WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END,
       CASE WHEN json_extract(r.assessment, '$.enhanced_rights') THEN 1 ELSE 0 END,
       r.consent_state,
       CASE WHEN r.possible_duplicate_of <> '' THEN 1 ELSE 0 END,
       '', COALESCE(r.source_organisation_id, ''), '', '', '', 'open',
       COALESCE((SELECT min(json_extract(d.value, '$.due_date')) FROM json_each(r.assessment, '$.deadlines') d
                 WHERE json_extract(d.value, '$.code') IN ('first_contact', 'needs_assessment')), '9999-12-31'),
       0, r.received_at, r.received_at, 1
FROM referrals r
WHERE json_valid(r.document) AND json_valid(r.assessment);

INSERT INTO case_deadlines (case_id, code, due_date, working_days, met_at)
SELECT r.id, json_extract(d.value, '$.code'), json_extract(d.value, '$.due_date'),
       json_extract(d.value, '$.working_days'), NULL
FROM referrals r, json_each(r.assessment, '$.deadlines') d
WHERE json_valid(r.assessment) AND json_extract(d.value, '$.code') IN ('first_contact', 'needs_assessment');
