// Subject access requests and erasure on request over plain HTTP against a real server and
// database. The hub's team leader finds one invented person's two cases by name and date of birth
// (not a third person's), and by reference; a bad search is refused with the error summary.
// Downloading (HTML and JSON, no-store, attachments) gives everything, including who accessed the
// record by role and organisation (no staff names), places one "subject access request" hold per
// case and audits the export without its content. Erasure is refused while the case is open or
// held, then erases the personal data through retention's path (facts kept, ledger row, audit
// entry without the data). A team leader of another gateway in the area finds nothing, exports
// nothing and erases nothing (404); an advisor's role reaches none of it (403).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';
import { storedDocument } from '../../support/sealed_text.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',     // Merseyside Police (demo)
  otherHub: '7a1c0e52-3d4b-4c1e-9f00-0000000000e7',  // an invented second Merseyside gateway
};
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  other: ['other.subject@example.com', 'other-subject-password-1'],
};
const PERSON = { name: 'Casey Inventedsubject', date_of_birth: '1966-05-06' };
const NOTE = 'Invented note: Casey Inventedsubject prefers calls after six';

let server;
let forceKey;
let crime = 0;
const people = {};
const cases = {};

async function sendReferral(victim) {
  crime += 1;
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `SAR/${process.pid}/${crime}`,
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', phone: '0151 496 0777', ...victim },
    }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

async function signIn([email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  browser.homeText = home.text;
  return browser;
}

const sql = (q) => querySqlite(server, q).trim();
// A referral's document as the database holds it (sealed with the notes key), opened.
const documentOf = (id) => storedDocument(sql(`SELECT document FROM referrals WHERE id = '${id}'`),
  sql(`SELECT document_key_id FROM referrals WHERE id = '${id}'`));
const version = (html) => hiddenField(html, 'version');
const post = (browser, path, fields = {}) => browser.post(path, { csrf_token: browser.csrf, ...fields });
const byName = { name: PERSON.name.toUpperCase(), 'date_of_birth-day': '6', 'date_of_birth-month': '5', 'date_of_birth-year': '1966' };
const sarHolds = (id) => Number(sql(`SELECT count(*) FROM case_legal_holds WHERE case_id = '${id}' AND reason = 'subject_access_request' AND lifted_at IS NULL`));
const exports = (id) => sql(`SELECT actor || ' ' || detail FROM audit_log WHERE action = 'case.subject_access_exported' AND entity_id = '${id}' ORDER BY seq`);

// The person's form as a browser posts a list: case_id repeated.
async function download(browser, ids, format) {
  const body = new URLSearchParams([['csrf_token', browser.csrf], ...ids.map((id) => ['case_id', id]), ['format', format]]);
  const cookie = Object.entries(browser.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${server.url}/subject-access/export`, {
    method: 'POST', redirect: 'manual', body,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

before(async () => {
  server = await startServer({
    before: [['users', 'create-organisation', '--id', ORG.otherHub, '--name', 'Invented subject hub', '--kind', 'gateway',
      '--areas', 'merseyside']],
  });
  const out = vg(['api-keys', 'create', '--org', ORG.force], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.other[0], '--name', 'Other Subject',
    '--role', 'team_leader', '--organisation', ORG.otherHub, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.other[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other hub has a team leader: ${created.stderr}`);
  for (const who of Object.keys(LOGIN)) people[who] = await signIn(LOGIN[who]);
  cases.first = await sendReferral(PERSON);
  cases.second = await sendReferral(PERSON);
  cases.stranger = await sendReferral({ name: 'Jo Inventedstranger', date_of_birth: '1990-01-02' });
  // The advisor works the first case, so the record has reads and a note to show.
  const { leader, advisor } = people;
  const page = await leader.get(`/cases/${cases.first.id}`);
  const advisorId = sql(`SELECT id FROM users WHERE email = '${LOGIN.advisor[0]}'`);
  const allocated = await post(leader, `/cases/${cases.first.id}/allocation`, { version: version(page.text), user_id: advisorId, how: 'chosen' });
  assert.equal(allocated.status, 303);
  const notes = await advisor.get(`/cases/${cases.first.id}/notes`);
  assert.equal((await post(advisor, `/cases/${cases.first.id}/notes`, { version: version(notes.text), text: NOTE })).status, 303);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('finding a person', () => {
  test('the team leader finds both of the person\'s cases by name and date of birth, and one by reference', async () => {
    const { leader } = people;
    assert.match(leader.homeText, /href="\/subject-access"/);
    const form = await leader.get('/subject-access');
    assert.equal(form.status, 200);
    const found = await post(leader, '/subject-access', byName);
    assert.equal(found.status, 200);
    assert.match(found.text, new RegExp(cases.first.reference));
    assert.match(found.text, new RegExp(cases.second.reference));
    assert.doesNotMatch(found.text, new RegExp(cases.stranger.reference));
    const one = await post(leader, '/subject-access', { reference: cases.second.reference.toLowerCase() });
    assert.equal(one.status, 200);
    assert.match(one.text, new RegExp(cases.second.reference));
    assert.doesNotMatch(one.text, new RegExp(cases.first.reference));
  });

  test('a bad search is refused with the error summary', async () => {
    const { leader } = people;
    const empty = await post(leader, '/subject-access', {});
    assert.equal(empty.status, 422);
    assert.deepEqual(errorSummaryLinks(empty.text).map((l) => l.anchor), ['reference']);
    const noDate = await post(leader, '/subject-access', { name: PERSON.name });
    assert.equal(noDate.status, 422);
    assert.deepEqual(errorSummaryLinks(noDate.text).map((l) => l.anchor), ['date_of_birth-day']);
    const badRef = await post(leader, '/subject-access', { reference: 'not a reference' });
    assert.deepEqual(errorSummaryLinks(badRef.text).map((l) => l.anchor), ['reference']);
  });

  test('another gateway finds nothing, and an advisor\'s role reaches none of it', async () => {
    const other = await post(people.other, '/subject-access', byName);
    assert.equal(other.status, 200);
    assert.match(other.text, /holds no case that matches/);
    assert.doesNotMatch(other.text, /MY-|Inventedsubject/);
    assert.equal((await people.advisor.get('/subject-access')).status, 403);
    assert.equal((await post(people.advisor, '/subject-access', byName)).status, 403);
  });
});

describe('exporting', () => {
  test('HTML: everything about the person, who accessed it by role, a hold placed, the export audited', async () => {
    const { leader } = people;
    const ids = [cases.first.id, cases.second.id];
    const doc = await download(leader, ids, 'html');
    assert.equal(doc.status, 200);
    assert.match(doc.headers.get('content-type'), /text\/html/);
    assert.equal(doc.headers.get('cache-control'), 'no-store');
    assert.match(doc.headers.get('content-disposition'), /attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.html"/);
    assert.match(doc.text, /Casey Inventedsubject/);
    assert.match(doc.text, /prefers calls after six/, 'the note, opened');
    assert.match(doc.text, new RegExp(cases.first.reference));
    assert.match(doc.text, /Who accessed your record/);
    assert.match(doc.text, /case\.notes_written|case\.read|case\.allocated|case\.note/);
    assert.match(doc.text, /Gateway advisor/);
    const advisorName = sql(`SELECT display_name FROM users WHERE email = '${LOGIN.advisor[0]}'`);
    assert.doesNotMatch(doc.text, new RegExp(advisorName), 'staff names are withheld');
    for (const id of ids) {
      assert.equal(sarHolds(id), 1, 'a subject access hold on each case');
      assert.match(exports(id), /\{"format":"html"\}$/);
      assert.doesNotMatch(exports(id), /Inventedsubject/);
    }
    // A second download places no second hold.
    const data = await download(leader, ids, 'json');
    assert.equal(data.status, 200);
    assert.match(data.headers.get('content-type'), /application\/json/);
    assert.equal(data.headers.get('cache-control'), 'no-store');
    const json = JSON.parse(data.text);
    assert.equal(json.cases.length, 2);
    const first = json.cases.find((c) => c.case_id === cases.first.id);
    assert.equal(first.referral_as_received.victim.name, PERSON.name);
    assert.equal(first.notes[0].text, NOTE);
    assert.ok(first.accessed_by.some((a) => a.role === 'Gateway advisor' && a.organisation), JSON.stringify(first.accessed_by));
    assert.ok(first.accessed_by.every((a) => !('user_id' in a) && !JSON.stringify(a).includes(advisorName)));
    for (const id of ids) assert.equal(sarHolds(id), 1);
  });

  test('another gateway exports nothing and learns nothing', async () => {
    const holdsBefore = sql('SELECT count(*) FROM case_legal_holds');
    const refused = await download(people.other, [cases.stranger.id], 'json');
    assert.equal(refused.status, 404);
    assert.doesNotMatch(refused.text, /Inventedstranger|MY-/);
    assert.equal(sql('SELECT count(*) FROM case_legal_holds'), holdsBefore);
    assert.equal(exports(cases.stranger.id), '');
    assert.equal((await download(people.advisor, [cases.stranger.id], 'json')).status, 403);
  });
});

describe('erasure on request', () => {
  test('refused while open or held; then erased through retention\'s path, facts kept and audited', async () => {
    const { leader, advisor } = people;
    const id = cases.first.id;
    const factsBefore = sql(`SELECT count(*) FROM referral_facts WHERE fact_id = '${id}'`);
    // The subject access hold placed by the export stands: nothing may be erased under it.
    const held = await leader.get(`/cases/${id}/erasure`);
    assert.equal(held.status, 200);
    assert.match(held.text, /legal hold is in force/);
    assert.equal((await post(leader, `/cases/${id}/erasure`)).status, 409);
    const holdId = sql(`SELECT id FROM case_legal_holds WHERE case_id = '${id}' AND lifted_at IS NULL`);
    assert.equal((await post(leader, `/cases/${id}/holds/${holdId}/lift`)).status, 303);
    // Then the case is still open: it is closed first.
    assert.match((await leader.get(`/cases/${id}/erasure`)).text, /still open/);
    const refused = await post(leader, `/cases/${id}/erasure`);
    assert.equal(refused.status, 409);
    assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['erase']);
    assert.doesNotMatch(sql(`SELECT document FROM referrals WHERE id = '${id}'`), /Inventedsubject/, 'sealed at rest');
    assert.match(documentOf(id), /Inventedsubject/);
    const close = await advisor.get(`/cases/${id}/close`);
    const check = await post(advisor, `/cases/${id}/close`, { version: version(close.text), step: 'check', reason: 'declined_support' });
    assert.equal(check.status, 200, check.text.slice(0, 300));
    const closed = await post(advisor, `/cases/${id}/close`, { version: hiddenField(check.text, 'version'), step: 'confirm', reason: 'declined_support' });
    assert.equal(closed.status, 303);

    // Another gateway cannot erase it, nor see that it exists.
    assert.equal((await people.other.get(`/cases/${id}/erasure`)).status, 404);
    assert.equal((await post(people.other, `/cases/${id}/erasure`)).status, 404);
    assert.equal((await post(advisor, `/cases/${id}/erasure`)).status, 403);
    assert.match(documentOf(id), /Inventedsubject/);

    const erased = await post(leader, `/cases/${id}/erasure`);
    assert.equal(erased.status, 303);
    assert.equal(erased.location, `/cases/${id}/erasure`);
    assert.match((await leader.get(`/cases/${id}/erasure`)).text, /Personal data erased/);
    assert.equal(sql(`SELECT document FROM referrals WHERE id = '${id}'`), '{"erased":true}');
    assert.equal(sql(`SELECT count(*) FROM case_notes WHERE case_id = '${id}'`), '0');
    assert.equal(sql(`SELECT rule FROM retention_erasures WHERE case_id = '${id}'`), 'on_request');
    assert.equal(sql(`SELECT count(*) FROM referral_facts WHERE fact_id = '${id}'`), factsBefore);
    const leaderId = sql(`SELECT id FROM users WHERE email = '${LOGIN.leader[0]}'`);
    const entry = sql(`SELECT actor || ' ' || detail FROM audit_log WHERE action = 'case.personal_data_erased' AND entity_id = '${id}'`);
    assert.match(entry, new RegExp(`^${leaderId} \\{"rule":"on_request"`));
    assert.doesNotMatch(entry, /Inventedsubject|after six/);
    // The other case of the person is untouched.
    assert.match(documentOf(cases.second.id), /Inventedsubject/);
  });
});
