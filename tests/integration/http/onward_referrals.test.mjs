// Onward referrals and the partner inbox over plain HTTP against a real server and database: the
// hub's team leader refers a case on to a RASA Merseyside service; the demo partner (RASA) sees it
// in its inbox with only what may be shared, accepts and completes it, and each answer reaches
// the case's timeline. A case awaiting consent cannot be sent (422, nothing stored); withdrawing
// consent hides the referral from the partner at once (404, gone from the inbox); another
// partner organisation sees nothing; a stale form is refused with 409. Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',         // Merseyside Police (demo)
  otherPartner: '7a1c0e52-3d4b-4c1e-9f00-0000000000c5',  // an invented partner: RASASC's staff
};
const RASASC = '08946b3d-9d7c-4678-a4ec-e41b23b2a8a2';   // its directory organisation
const SERVICE = {
  counselling: 'e463ce45-152a-4beb-adca-9aa9a03249e2',   // Counselling – RASA Merseyside
  isva: '947f705c-0a34-43c4-a890-9fca1ea5d53a',          // ISVA service – RASA Merseyside
};
const LOGIN = {
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  other: ['other.partner@example.com', 'other-partner-password-1'],
};

let server;
let forceKey;
let crime = 0;
const sessions = {};

// A Merseyside police burglary referral: shared unless the victim objects. 0151 496 0xxx are
// Ofcom drama numbers.
function policeReferral(overrides = {}) {
  crime += 1;
  return {
    channel: 'police', area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: `ONWARD/${crime}/26`,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
    local_authority: 'E08000012',
    victim: { type: 'person', name: 'Morgan Inventedname', date_of_birth: '1960-02-03', phone: '0151 496 0000',
      address: '1 Invented Street, Liverpool' },
    account: 'Invented account of what happened',
    safe_contact: {
      safe_channels: ['call'], safe_phone: '0151 496 0123', voicemail_allowed: false, may_say_who_we_are: false,
    },
    ...overrides,
  };
}

async function sendReferral(body) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

// One session per person for the whole file (a TOTP code works once).
async function as([email, password]) {
  if (sessions[email]) return sessions[email];
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  browser.home = home.text;
  sessions[email] = browser;
  return browser;
}

const post = (browser, path, fields) => browser.post(path, { csrf_token: browser.csrf, ...fields });
const version = (html) => hiddenField(html, 'version');
const onwardRows = (caseId) => Number(querySqlite(server, `SELECT count(*) FROM onward_referrals WHERE case_id = '${caseId}'`));
const onwardId = (caseId) => querySqlite(server, `SELECT id FROM onward_referrals WHERE case_id = '${caseId}' ORDER BY sent_at DESC LIMIT 1`).trim();

// The leader refers case `id` on to `service`, from the case's section; answers the response.
async function referOn(id, service, shared = []) {
  const leader = await as(LOGIN.leader);
  const section = await leader.get(`/cases/${id}/onward-referrals`);
  assert.equal(section.status, 200);
  return post(leader, `/cases/${id}/onward-referrals`, { version: version(section.text), service_id: service, shared_fields: shared });
}

before(async () => {
  server = await startServer({
    before: [
      ['users', 'create-organisation', '--id', ORG.otherPartner, '--name', 'Invented RASASC staff', '--kind', 'partner',
        '--areas', 'merseyside', '--directory-organisation', RASASC],
    ],
  });
  const out = vg(['api-keys', 'create', '--org', ORG.force], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.other[0], '--name', 'Other Partner',
    '--role', 'partner_caseworker', '--organisation', ORG.otherPartner, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.other[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other partner has a caseworker: ${created.stderr}`);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('sending', () => {
  test('a case awaiting consent cannot be referred on: refused with the reason, nothing stored', async () => {
    const sent = await sendReferral(policeReferral({ offence_category: 'rape', flags: { sexual_offence: true } }));
    const leader = await as(LOGIN.leader);
    const section = await leader.get(`/cases/${sent.id}/onward-referrals`);
    assert.equal(section.status, 200);
    assert.match(section.text, /nothing of this case may be shared until consent is recorded/);
    assert.doesNotMatch(section.text, /Refer to a service/, 'no form is offered');
    // Posted anyway (an old tab, a crafted request), with the case's current version.
    const current = version((await leader.get(`/cases/${sent.id}`)).text);
    const refused = await post(leader, `/cases/${sent.id}/onward-referrals`, { version: current, service_id: SERVICE.isva });
    assert.equal(refused.status, 422);
    assert.ok(errorSummaryLinks(refused.text).some((l) => /may be shared until consent is recorded/.test(l.message)),
      JSON.stringify(errorSummaryLinks(refused.text)));
    assert.equal(onwardRows(sent.id), 0);
  });

  test('no service chosen, or their own words without consent to share them, is refused', async () => {
    const sent = await sendReferral(policeReferral());
    const none = await referOn(sent.id, '');
    assert.equal(none.status, 422);
    assert.deepEqual(errorSummaryLinks(none.text).map((l) => l.anchor), ['service_id']);
    const words = await referOn(sent.id, SERVICE.counselling, ['account']);
    assert.equal(words.status, 422);
    assert.deepEqual(errorSummaryLinks(words.text).map((l) => l.anchor), ['shared_fields-first']);
    assert.equal(onwardRows(sent.id), 0);
  });

  test('a form from a stale copy of the case is refused with 409', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await as(LOGIN.leader);
    const section = await leader.get(`/cases/${sent.id}/onward-referrals`);
    const first = await post(leader, `/cases/${sent.id}/onward-referrals`, { version: version(section.text), service_id: SERVICE.counselling });
    assert.equal(first.status, 303);
    const stale = await post(leader, `/cases/${sent.id}/onward-referrals`, { version: version(section.text), service_id: SERVICE.isva });
    assert.equal(stale.status, 409);
    assert.equal(onwardRows(sent.id), 1);
  });
});

describe('the loop closes', () => {
  let sent;
  let id;
  before(async () => {
    sent = await sendReferral(policeReferral());
    const done = await referOn(sent.id, SERVICE.counselling, ['full_name']);
    assert.equal(done.status, 303);
    id = onwardId(sent.id);
  });

  test('the caseworker sees it sent, with its answer-by date, in the section and the timeline', async () => {
    const leader = await as(LOGIN.leader);
    const section = await leader.get(`/cases/${sent.id}/onward-referrals`);
    assert.match(section.text, /Counselling – RASA Merseyside/);
    assert.match(section.text, />Sent</);
    const page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /Referred to Counselling – RASA Merseyside: answer due by/);
    assert.match(page.text, /href="\/cases\/[^"]+\/onward-referrals"/, 'the case has the section in its navigation');
  });

  test('the partner sees it in its inbox with only what may be shared', async () => {
    const partner = await as(LOGIN.partner);
    assert.match(partner.home, /href="\/inbox"/, 'the staff home links to the inbox');
    const inbox = await partner.get('/inbox');
    assert.equal(inbox.status, 200);
    assert.match(inbox.text, new RegExp(sent.reference));
    const page = await partner.get(`/inbox/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Morgan Inventedname/, 'the full name was shared');
    assert.match(page.text, /0151 496 0123/, 'the safe phone is always shared');
    assert.doesNotMatch(page.text, /0151 496 0000/, 'the other number was not shared');
    assert.doesNotMatch(page.text, /Invented Street/, 'the address was not shared');
    assert.doesNotMatch(page.text, /Invented account/, 'their own words were not shared');
    const audited = querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'onward_referral.read' AND entity_id = '${id}'`).trim();
    assert.equal(audited, '1');
    // The partner never reaches the case itself.
    assert.equal((await partner.get(`/cases/${sent.id}`)).status, 404);
    assert.equal((await partner.get(`/cases/${sent.id}/onward-referrals`)).status, 404);
  });

  test('another partner organisation sees nothing of it', async () => {
    const other = await as(LOGIN.other);
    const inbox = await other.get('/inbox');
    assert.equal(inbox.status, 200);
    assert.doesNotMatch(inbox.text, new RegExp(sent.reference));
    assert.equal((await other.get(`/inbox/${id}`)).status, 404);
    const answered = await post(other, `/inbox/${id}/acceptance`, { version: '1' });
    assert.equal(answered.status, 404);
    const advisor = await as(LOGIN.advisor);
    assert.equal((await advisor.get('/inbox')).status, 403, 'gateway staff have no inbox');
  });

  test('the partner accepts, a stale answer is refused, and it completes with an outcome', async () => {
    const partner = await as(LOGIN.partner);
    const page = await partner.get(`/inbox/${id}`);
    const v1 = version(page.text);
    const accepted = await post(partner, `/inbox/${id}/acceptance`, { version: v1 });
    assert.equal(accepted.status, 303);
    const stale = await post(partner, `/inbox/${id}/decline`, { version: v1, reason: 'no_capacity' });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /changed this referral since you opened it/);
    const fresh = await partner.get(`/inbox/${id}`);
    assert.match(fresh.text, />Accepted</);
    const missing = await post(partner, `/inbox/${id}/completion`, { version: version(fresh.text) });
    assert.equal(missing.status, 422);
    assert.deepEqual(errorSummaryLinks(missing.text).map((l) => l.anchor), ['outcome']);
    const completed = await post(partner, `/inbox/${id}/completion`, { version: version(fresh.text), outcome: 'support_completed' });
    assert.equal(completed.status, 303);
    assert.equal(completed.location, '/inbox', 'a completed referral leaves the inbox');
    assert.equal(querySqlite(server, `SELECT state FROM onward_referrals WHERE id = '${id}'`).trim(), 'completed');
  });

  test('the caseworker sees each answer in the timeline', async () => {
    const leader = await as(LOGIN.leader);
    const page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /Counselling – RASA Merseyside accepted the referral/);
    assert.match(page.text, /Counselling – RASA Merseyside completed support: Support completed/);
    assert.match(page.text, /by Casey Partner/);
    const section = await leader.get(`/cases/${sent.id}/onward-referrals`);
    assert.match(section.text, />Completed</);
  });
});

describe('consent withdrawn', () => {
  test('the partner loses the referral at once: 404, and gone from the inbox', async () => {
    const sent = await sendReferral(policeReferral());
    assert.equal((await referOn(sent.id, SERVICE.isva)).status, 303);
    const id = onwardId(sent.id);
    const partner = await as(LOGIN.partner);
    assert.equal((await partner.get(`/inbox/${id}`)).status, 200);
    const leader = await as(LOGIN.leader);
    const page = await leader.get(`/cases/${sent.id}`);
    const withdrawn = await post(leader, `/cases/${sent.id}/consent`, {
      version: version(page.text), change: 'withdraw', given_by: 'victim', method: 'phone' });
    assert.equal(withdrawn.status, 303);
    assert.equal((await partner.get(`/inbox/${id}`)).status, 404);
    const inbox = await partner.get('/inbox');
    assert.doesNotMatch(inbox.text, new RegExp(sent.reference));
    const answered = await post(partner, `/inbox/${id}/acceptance`, { version: '1' });
    assert.equal(answered.status, 404);
    assert.equal(querySqlite(server, `SELECT state FROM onward_referrals WHERE id = '${id}'`).trim(), 'sent');
  });

  test('the caseworker may withdraw a referral; the partner then no longer sees it', async () => {
    const sent = await sendReferral(policeReferral());
    assert.equal((await referOn(sent.id, SERVICE.isva)).status, 303);
    const id = onwardId(sent.id);
    const leader = await as(LOGIN.leader);
    const section = await leader.get(`/cases/${sent.id}/onward-referrals`);
    const done = await post(leader, `/cases/${sent.id}/onward-referrals/${id}/withdrawal`, { version: version(section.text) });
    assert.equal(done.status, 303);
    assert.equal((await (await as(LOGIN.partner)).get(`/inbox/${id}`)).status, 404);
    const page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /Referral to ISVA service – RASA Merseyside withdrawn/);
  });
});
