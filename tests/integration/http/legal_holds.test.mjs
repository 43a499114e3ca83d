// Legal holds on a case over plain HTTP against a real server and database, by page and by API:
// the hub's team leader places a hold with a reason and lifts it, each audited with the hold's id
// and reason code only; no reason (or an unknown one) is refused with the error summary (page) or
// a 422 problem naming the field (API), storing nothing; an advisor's role holds nothing (403);
// a team leader of another gateway in the same area finds no such case on any route (404) and
// changes nothing. Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',     // Merseyside Police (demo)
  otherHub: '7a1c0e52-3d4b-4c1e-9f00-0000000000d7',  // an invented second Merseyside gateway
};
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  other: ['other.holder@example.com', 'other-holder-password-1'],
};

let server;
let forceKey;
let crime = 0;
const people = {};

async function sendReferral() {
  crime += 1;
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `HOLD/${process.pid}/${crime}`,
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: 'Sam Inventedhold', date_of_birth: '1968-02-03', phone: '0151 496 0654' },
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
  return browser;
}

// The API with the browser's session cookie, as a signed-in person's own tools would call it.
async function api(browser, method, path, body) {
  const headers = { cookie: Object.entries(browser.cookies).map(([k, v]) => `${k}=${v}`).join('; ') };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

const sql = (q) => querySqlite(server, q).trim();
const holdRows = (id) => Number(sql(`SELECT count(*) FROM case_legal_holds WHERE case_id = '${id}'`));
const audit = (action, id) => sql(`SELECT actor || ' ' || detail FROM audit_log WHERE action = '${action}' AND entity_id = '${id}' ORDER BY seq`);
const post = (browser, path, fields = {}) => browser.post(path, { csrf_token: browser.csrf, ...fields });

before(async () => {
  server = await startServer({
    before: [['users', 'create-organisation', '--id', ORG.otherHub, '--name', 'Invented holding hub', '--kind', 'gateway',
      '--areas', 'merseyside']],
  });
  const out = vg(['api-keys', 'create', '--org', ORG.force], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.other[0], '--name', 'Other Holder',
    '--role', 'team_leader', '--organisation', ORG.otherHub, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.other[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other hub has a team leader: ${created.stderr}`);
  for (const who of Object.keys(LOGIN)) people[who] = await signIn(LOGIN[who]);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('the legal holds page', () => {
  test('the team leader places a hold with a reason, sees it in force, and lifts it; both audited', async () => {
    const sent = await sendReferral();
    const { leader } = people;
    const summary = await leader.get(`/cases/${sent.id}`);
    assert.match(summary.text, new RegExp(`href="/cases/${sent.id}/holds"`), 'the case links to its holds');
    const empty = await leader.get(`/cases/${sent.id}/holds`);
    assert.equal(empty.status, 200);
    assert.match(empty.text, /No hold has been placed on this case/);
    assert.equal(empty.headers.get('cache-control'), 'no-store');

    const placed = await post(leader, `/cases/${sent.id}/holds`, { reason: 'complaint' });
    assert.equal(placed.status, 303);
    assert.equal(placed.location, `/cases/${sent.id}/holds`);
    const held = await leader.get(`/cases/${sent.id}/holds`);
    assert.match(held.text, /A complaint/);
    assert.match(held.text, /In force/);
    const holdId = sql(`SELECT id FROM case_legal_holds WHERE case_id = '${sent.id}'`);
    const leaderId = sql(`SELECT id FROM users WHERE email = '${LOGIN.leader[0]}'`);
    assert.equal(audit('case.hold_placed', sent.id), `${leaderId} {"hold_id":"${holdId}","reason":"complaint"}`);

    const lifted = await post(leader, `/cases/${sent.id}/holds/${holdId}/lift`);
    assert.equal(lifted.status, 303);
    assert.notEqual(sql(`SELECT lifted_at FROM case_legal_holds WHERE id = '${holdId}'`), '');
    assert.equal(audit('case.hold_lifted', sent.id), `${leaderId} {"hold_id":"${holdId}"}`);
    const after = await leader.get(`/cases/${sent.id}/holds`);
    assert.doesNotMatch(after.text, /In force/);
    assert.match(after.text, /Lifted/);
  });

  test('no reason, or an unknown one, is refused with the error summary and nothing stored', async () => {
    const sent = await sendReferral();
    for (const fields of [{}, { reason: 'curious' }]) {
      const refused = await post(people.leader, `/cases/${sent.id}/holds`, fields);
      assert.equal(refused.status, 422);
      assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['reason']);
      assert.match(refused.text, /<title>Error: /);
    }
    assert.equal(holdRows(sent.id), 0);
    assert.equal(audit('case.hold_placed', sent.id), '');
  });

  test('a posted form without the CSRF token changes nothing', async () => {
    const sent = await sendReferral();
    const refused = await people.leader.post(`/cases/${sent.id}/holds`, { reason: 'complaint' });
    assert.equal(refused.status, 403);
    assert.equal(holdRows(sent.id), 0);
  });

  test('an advisor\'s role holds nothing, and the case page offers no link', async () => {
    const sent = await sendReferral();
    const { advisor } = people;
    assert.equal((await advisor.get(`/cases/${sent.id}/holds`)).status, 403);
    assert.equal((await post(advisor, `/cases/${sent.id}/holds`, { reason: 'complaint' })).status, 403);
    assert.equal(holdRows(sent.id), 0);
  });

  test('another gateway\'s team leader finds no such case and changes nothing', async () => {
    const sent = await sendReferral();
    await post(people.leader, `/cases/${sent.id}/holds`, { reason: 'prosecution' });
    const holdId = sql(`SELECT id FROM case_legal_holds WHERE case_id = '${sent.id}'`);
    const { other } = people;
    const page = await other.get(`/cases/${sent.id}/holds`);
    assert.equal(page.status, 404);
    assert.doesNotMatch(page.text, new RegExp(`${sent.reference}|Inventedhold|prosecution`, 'i'));
    assert.equal((await post(other, `/cases/${sent.id}/holds`, { reason: 'complaint' })).status, 404);
    assert.equal((await post(other, `/cases/${sent.id}/holds/${holdId}/lift`)).status, 404);
    assert.equal((await post(other, `/cases/00000000-0000-4000-8000-000000000000/holds`, { reason: 'complaint' })).status, 404);
    assert.equal(holdRows(sent.id), 1);
    assert.equal(sql(`SELECT count(*) FROM case_legal_holds WHERE id = '${holdId}' AND lifted_at IS NULL`), '1');
  });
});

describe('the legal holds API', () => {
  test('lists, places (201) and lifts (200) for the team leader, no-store', async () => {
    const sent = await sendReferral();
    const { leader } = people;
    const none = await api(leader, 'GET', `/api/v1/cases/${sent.id}/holds`);
    assert.equal(none.status, 200);
    assert.equal(none.json.total_items, 0);
    assert.equal(none.json.empty, true);
    const placed = await api(leader, 'POST', `/api/v1/cases/${sent.id}/holds`, { reason: 'subject_access_request' });
    assert.equal(placed.status, 201);
    assert.equal(placed.headers.get('cache-control'), 'no-store');
    assert.equal(placed.json.reason, 'subject_access_request');
    assert.equal(placed.json.in_force, true);
    assert.equal(placed.json.case_id, sent.id);
    assert.equal(placed.json.lifted_at, undefined);
    const listed = await api(leader, 'GET', `/api/v1/cases/${sent.id}/holds`);
    assert.deepEqual(listed.json.contents.map((h) => h.id), [placed.json.id]);
    const lifted = await api(leader, 'POST', `/api/v1/cases/${sent.id}/holds/${placed.json.id}/lift`);
    assert.equal(lifted.status, 200);
    assert.equal(lifted.json.in_force, false);
    assert.match(lifted.json.lifted_at, /Z$/);
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE entity_id = '${sent.id}' AND action IN ('case.hold_placed', 'case.hold_lifted')`), '2');
  });

  test('a bad reason is a 422 problem naming the field, and nothing is stored', async () => {
    const sent = await sendReferral();
    for (const body of [{}, { reason: 'curious' }, { reason: 7 }]) {
      const refused = await api(people.leader, 'POST', `/api/v1/cases/${sent.id}/holds`, body);
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.match(refused.headers.get('content-type'), /application\/problem\+json/);
      assert.deepEqual(refused.json.errors.map((e) => e.field), ['reason']);
    }
    const notJson = await api(people.leader, 'POST', `/api/v1/cases/${sent.id}/holds`, 'reason=complaint');
    assert.equal(notJson.status, 400);
    assert.equal(holdRows(sent.id), 0);
  });

  test('another organisation and the wrong role learn nothing and change nothing', async () => {
    const sent = await sendReferral();
    const placed = await api(people.leader, 'POST', `/api/v1/cases/${sent.id}/holds`, { reason: 'complaint' });
    const { other, advisor } = people;
    const list = await api(other, 'GET', `/api/v1/cases/${sent.id}/holds`);
    assert.equal(list.status, 404);
    assert.doesNotMatch(JSON.stringify(list.json), /complaint|Inventedhold/);
    assert.equal((await api(other, 'POST', `/api/v1/cases/${sent.id}/holds`, { reason: 'prosecution' })).status, 404);
    assert.equal((await api(other, 'POST', `/api/v1/cases/${sent.id}/holds/${placed.json.id}/lift`)).status, 404);
    assert.equal((await api(advisor, 'GET', `/api/v1/cases/${sent.id}/holds`)).status, 403);
    assert.equal((await api(advisor, 'POST', `/api/v1/cases/${sent.id}/holds`, { reason: 'prosecution' })).status, 403);
    const signedOut = await fetch(`${server.url}/api/v1/cases/${sent.id}/holds`);
    assert.equal(signedOut.status, 403);
    assert.equal(holdRows(sent.id), 1);
    assert.equal(sql(`SELECT count(*) FROM case_legal_holds WHERE case_id = '${sent.id}' AND lifted_at IS NULL`), '1');
  });
});
