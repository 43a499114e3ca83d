// The retention job against a real server and database: referrals arrive over the API, one case
// is closed because the victim declined support, and `jobs run-due` is run as if seven weeks had
// passed (clock_start). That case's personal data goes (the referral's document, its notes), with
// an audit entry naming the job, the rule and the ids, never the data; the open cases keep
// theirs; and the commissioner's demand figures are exactly what they were. Every person here is
// invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { storedDocument } from '../../support/sealed_text.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LOGIN = {
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  commissioner: ['commissioner@demo.victim-gateway.test', 'demo-commissioner-password'],
};
const NOTE = 'Invented note: Sam Retainedname keeps a spare key at work';

let server;
let forceKey;
const ids = [];
const people = {};

const month = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
  .format(new Date()).slice(0, 7);
const version = (html) => hiddenField(html, 'version');

async function sendReferral(n) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `RETAIN/${process.pid}/${n}`,
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: `Sam Retainedname${n}`, date_of_birth: '1970-03-04', phone: `0151 496 0${400 + n}` },
      safe_contact: { safe_channels: ['call'], safe_phone: `0151 496 0${400 + n}`, voicemail_allowed: false, may_say_who_we_are: false },
    }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json.id;
}

async function signIn([email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

async function demand() {
  const res = await people.commissioner.get(`/api/v1/insight/demand?area=merseyside&from=${month()}&to=${month()}`);
  assert.equal(res.status, 200, res.text);
  return JSON.parse(res.text);
}

let before_demand;

before(async () => {
  server = await startServer();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  for (let n = 1; n <= 7; n += 1) ids.push(await sendReferral(n));
  people.leader = await signIn(LOGIN.leader);
  people.advisor = await signIn(LOGIN.advisor);
  people.commissioner = await signIn(LOGIN.commissioner);
  const closing = ids[0];
  const page = await people.leader.get(`/cases/${closing}`);
  const advisorId = querySqlite(server, `SELECT id FROM users WHERE email = '${LOGIN.advisor[0]}'`);
  const allocated = await people.leader.post(`/cases/${closing}/allocation`, { csrf_token: people.leader.csrf, version: version(page.text), user_id: advisorId, how: 'chosen' });
  assert.equal(allocated.status, 303);
  const notes = await people.advisor.get(`/cases/${closing}/notes`);
  const noted = await people.advisor.post(`/cases/${closing}/notes`, { csrf_token: people.advisor.csrf, version: version(notes.text), text: NOTE });
  assert.equal(noted.status, 303);
  const close = await people.advisor.get(`/cases/${closing}/close`);
  const check = await people.advisor.post(`/cases/${closing}/close`, { csrf_token: people.advisor.csrf, version: version(close.text), step: 'check', reason: 'declined_support' });
  assert.equal(check.status, 200, check.text.slice(0, 500));
  const closed = await people.advisor.post(`/cases/${closing}/close`, { csrf_token: people.advisor.csrf, version: hiddenField(check.text, 'version'), step: 'confirm', reason: 'declined_support' });
  assert.equal(closed.status, 303, closed.text.slice(0, 500));
  before_demand = await demand();
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

test('seven weeks on, the declined case loses its personal data and insight does not change', async () => {
  const [closing, ...open] = ids;
  // Not yet due today: nothing goes.
  const today = spawnSync(binary, ['jobs', 'run-due'], { env: { ...process.env, ...server.env }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(today.status, 0, today.stdout + today.stderr);
  assert.equal(querySqlite(server, `SELECT count(*) FROM retention_erasures`), '0');

  const later = new Date(Date.now() + 49 * 86_400_000 + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const run = spawnSync(binary, ['jobs', 'run-due'], { env: { ...process.env, ...server.env, VG_CLOCK_START: later }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(querySqlite(server, `SELECT rule FROM retention_erasures WHERE case_id = '${closing}'`), 'no_service');
  assert.equal(querySqlite(server, `SELECT document FROM referrals WHERE id = '${closing}'`), '{"erased":true}');
  assert.equal(querySqlite(server, `SELECT count(*) FROM case_notes WHERE case_id = '${closing}'`), '0');
  for (const id of open) {
    assert.match(storedDocument(querySqlite(server, `SELECT document FROM referrals WHERE id = '${id}'`),
      querySqlite(server, `SELECT document_key_id FROM referrals WHERE id = '${id}'`)), /Retainedname/);
  }

  const entry = JSON.parse(querySqlite(server, `SELECT json_object('actor', actor, 'entity', entity_id, 'detail', detail) FROM audit_log WHERE action = 'case.personal_data_erased'`));
  assert.equal(entry.actor, 'system:retention');
  assert.equal(entry.entity, closing);
  const detail = JSON.parse(entry.detail);
  assert.equal(detail.rule, 'no_service');
  assert.equal(detail.referral_id, closing);
  assert.equal(detail.erased.notes, 1);
  assert.doesNotMatch(entry.detail, /Retainedname|spare key/);

  assert.deepEqual(await demand(), before_demand);
});
