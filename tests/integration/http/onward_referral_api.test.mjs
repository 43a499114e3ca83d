// The partner API for onward referrals, against a real server and database: RASA Merseyside's
// case system (its organisation's API key) reads its inbox and one referral's shared view with
// an ETag, and answers with If-Match: none → 428, stale → 412 with the current ETag, match → 200
// with the new one. Another organisation's key, or a case whose consent was withdrawn, gets 404
// exactly as an unknown id. A force polls its referral's status with If-None-Match → 304. Every
// answer is checked as the API's contracts are (problem+json, no-store, no null but where the
// spec says). Every person here is invented.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',         // Merseyside Police (demo)
  rasa: '7a1c0e52-3d4b-4c1e-9f00-000000000004',          // RASA Merseyside (demo partner)
  otherPartner: '7a1c0e52-3d4b-4c1e-9f00-0000000000c5',  // an invented partner: RASASC's staff
};
const RASASC = '08946b3d-9d7c-4678-a4ec-e41b23b2a8a2';
const SERVICE = { counselling: 'e463ce45-152a-4beb-adca-9aa9a03249e2' };  // Counselling – RASA Merseyside
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let server;
const keys = {};
let leader;
let crime = 0;

const keyFor = (org) => {
  const out = vg(['api-keys', 'create', '--org', org], server.env).stdout.trim().split('\n');
  return out[out.length - 1].trim();
};

// Any /api answer: what every contract test checks, then the parsed body (null for a 304).
async function api(method, path, { key, headers = {}, body } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${keys[key]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const label = `${method} ${path} → ${res.status}`;
  assert.equal(res.headers.get('cache-control'), 'no-store', `${label}: Cache-Control`);
  if (res.status === 304) {
    assert.equal(text, '', `${label}: a 304 has no body`);
    return { status: 304, headers: res.headers, json: null };
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0];
  const json = JSON.parse(text);
  if (res.status >= 400) {
    assert.equal(type, 'application/problem+json', `${label}: problem+json`);
    assert.equal(json.status, res.status, `${label}: status in the problem`);
    assert.ok(json.type && json.title, `${label}: type and title`);
    for (const e of json.errors ?? []) assert.ok(e.field !== undefined && e.code && e.message, `${label}: ${JSON.stringify(e)}`);
  } else {
    assert.equal(type, 'application/json', label);
  }
  return { status: res.status, headers: res.headers, json };
}

async function sendReferral() {
  crime += 1;
  const { status, json } = await api('POST', '/api/v1/referrals', {
    key: 'force',
    body: {
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `ONWARDAPI/${crime}/26`,
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: 'Robin Inventedname', date_of_birth: '1970-04-05', phone: '0151 496 0001',
        address: '2 Invented Road, Liverpool' },
      account: 'Invented account for the partner API test',
      safe_contact: { safe_channels: ['call'], safe_phone: '0151 496 0124', voicemail_allowed: false, may_say_who_we_are: false },
    },
  });
  assert.equal(status, 201, JSON.stringify(json));
  return json;
}

const post = (browser, path, fields) => browser.post(path, { csrf_token: browser.csrf, ...fields });

// The hub's leader refers the case on to RASA's counselling service; answers the onward id.
async function referOn(caseId) {
  const section = await leader.get(`/cases/${caseId}/onward-referrals`);
  assert.equal(section.status, 200);
  const done = await post(leader, `/cases/${caseId}/onward-referrals`,
    { version: hiddenField(section.text, 'version'), service_id: SERVICE.counselling, shared_fields: ['full_name'] });
  assert.equal(done.status, 303);
  return querySqlite(server, `SELECT id FROM onward_referrals WHERE case_id = '${caseId}' ORDER BY sent_at DESC LIMIT 1`).trim();
}

before(async () => {
  server = await startServer({
    before: [
      ['users', 'create-organisation', '--id', ORG.otherPartner, '--name', 'Invented RASASC staff', '--kind', 'partner',
        '--areas', 'merseyside', '--directory-organisation', RASASC],
    ],
  });
  keys.force = keyFor(ORG.force);
  keys.rasa = keyFor(ORG.rasa);
  keys.other = keyFor(ORG.otherPartner);
  leader = await signedInBrowser(server.url, ...LEADER);
  const home = await leader.get('/staff');
  leader.csrf = hiddenField(home.text, 'csrf_token');
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('reading the inbox and one referral', () => {
  let sent;
  let id;
  before(async () => {
    sent = await sendReferral();
    id = await referOn(sent.id);
  });

  test('the inbox lists it in the page envelope, with no victim details', async () => {
    const { status, json } = await api('GET', '/api/v1/onward-referrals', { key: 'rasa' });
    assert.equal(status, 200);
    for (const k of ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents']) {
      assert.ok(k in json, k);
    }
    assert.equal(json.page_number, 1);
    const mine = json.contents.find((x) => x.id === id);
    assert.ok(mine, 'listed');
    assert.equal(mine.reference, sent.reference);
    assert.equal(mine.state, 'sent');
    assert.equal(mine.version, 1);
    assert.equal(mine.service_name, 'Counselling – RASA Merseyside');
    assert.doesNotMatch(JSON.stringify(json), /Inventedname|Invented Road|0151 496/, 'nothing of the victim in the list');
    const other = await api('GET', '/api/v1/onward-referrals', { key: 'other' });
    assert.equal(other.status, 200);
    assert.ok(!other.json.contents.some((x) => x.id === id), 'another organisation does not see it');
    const bad = await api('GET', '/api/v1/onward-referrals?page=0', { key: 'rasa' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].field, 'page');
  });

  test('one referral: the shared view only, a strong ETag, 304 for If-None-Match; audited', async () => {
    const before = Number(querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'onward_referral.read' AND entity_id = '${id}'`));
    const { status, headers, json } = await api('GET', `/api/v1/onward-referrals/${id}`, { key: 'rasa' });
    assert.equal(status, 200);
    assert.equal(headers.get('etag'), '"1"');
    assert.equal(json.version, 1);
    assert.equal(json.shared.full_name, 'Robin Inventedname', 'shared by the caseworker');
    assert.equal(json.shared.safe_contact.safe_phone, '0151 496 0124', 'the safe-contact profile is always shared');
    assert.equal(json.shared.phone, undefined, 'the other number was not shared');
    assert.equal(json.shared.address, undefined);
    assert.equal(json.shared.account, undefined);
    const after = Number(querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'onward_referral.read' AND entity_id = '${id}'`));
    assert.equal(after, before + 1, 'the read is audited');
    const actor = querySqlite(server, `SELECT actor FROM audit_log WHERE action = 'onward_referral.read' AND entity_id = '${id}' ORDER BY seq DESC LIMIT 1`).trim();
    assert.match(actor, /^api-key:/, 'the audit names the key');
    const again = await api('GET', `/api/v1/onward-referrals/${id}`, { key: 'rasa', headers: { 'if-none-match': '"1"' } });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), '"1"');
  });

  test('another organisation, an unknown id, a police key and no key', async () => {
    const other = await api('GET', `/api/v1/onward-referrals/${id}`, { key: 'other' });
    const unknown = await api('GET', `/api/v1/onward-referrals/${UNKNOWN}`, { key: 'rasa' });
    assert.equal(other.status, 404);
    assert.equal(unknown.status, 404);
    assert.deepEqual({ ...other.json }, { ...unknown.json }, 'never telling which');
    const answered = await api('POST', `/api/v1/onward-referrals/${id}/answer`, { key: 'other', headers: { 'if-match': '"1"' }, body: { answer: 'accept' } });
    assert.equal(answered.status, 404);
    const police = await api('GET', `/api/v1/onward-referrals/${id}`, { key: 'force' });
    assert.equal(police.status, 403, 'a police force has no inbox');
    const none = await api('GET', `/api/v1/onward-referrals/${id}`);
    assert.equal(none.status, 401);
    assert.equal(querySqlite(server, `SELECT state FROM onward_referrals WHERE id = '${id}'`).trim(), 'sent');
  });
});

describe('answering with If-Match', () => {
  test('missing → 428, stale → 412 with the current ETag, match → 200 with the new ETag', async () => {
    const sent = await sendReferral();
    const id = await referOn(sent.id);
    const path = `/api/v1/onward-referrals/${id}/answer`;
    const missing = await api('POST', path, { key: 'rasa', body: { answer: 'accept' } });
    assert.equal(missing.status, 428);
    assert.equal(missing.json.errors[0].field, 'If-Match');
    const malformed = await api('POST', path, { key: 'rasa', headers: { 'if-match': '1' }, body: { answer: 'accept' } });
    assert.equal(malformed.status, 400);
    const weak = await api('POST', path, { key: 'rasa', headers: { 'if-match': 'W/"1"' }, body: { answer: 'accept' } });
    assert.equal(weak.status, 412, 'If-Match compares strongly');
    const accepted = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"1"' }, body: { answer: 'accept' } });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
    assert.equal(accepted.headers.get('etag'), '"2"');
    assert.equal(accepted.json.state, 'accepted');
    assert.equal(accepted.json.version, 2);
    // A second client answering from the copy it read before: told, not obeyed.
    const stale = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"1"' }, body: { answer: 'decline', reason: 'no_capacity' } });
    assert.equal(stale.status, 412);
    assert.equal(stale.headers.get('etag'), '"2"');
    assert.equal(stale.json.errors[0].code, 'stale');
    assert.equal(querySqlite(server, `SELECT state || ' ' || version FROM onward_referrals WHERE id = '${id}'`).trim(), 'accepted 2');
    const noOutcome = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"2"' }, body: { answer: 'complete' } });
    assert.equal(noOutcome.status, 422);
    assert.equal(noOutcome.json.errors[0].field, 'outcome');
    const wrongState = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"2"' }, body: { answer: 'accept' } });
    assert.equal(wrongState.status, 409);
    const unknownField = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"2"' }, body: { answer: 'complete', outcome: 'support_completed', note: 'x' } });
    assert.equal(unknownField.status, 422);
    assert.equal(unknownField.json.errors[0].field, 'note');
    const completed = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"2"' }, body: { answer: 'complete', outcome: 'support_completed' } });
    assert.equal(completed.status, 200);
    assert.equal(completed.headers.get('etag'), '"3"');
    assert.equal(completed.json.outcome, 'support_completed');
    // The caseworker sees both answers in the case's timeline.
    const page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /Counselling – RASA Merseyside accepted the referral/);
    assert.match(page.text, /Counselling – RASA Merseyside completed support/);
    const audits = querySqlite(server, `SELECT action FROM audit_log WHERE entity_id = '${id}' AND actor LIKE 'api-key:%' AND action LIKE 'onward_referral.%' ORDER BY seq`).trim().split('\n');
    assert.deepEqual(audits.filter((a) => a !== 'onward_referral.read'), ['onward_referral.accept', 'onward_referral.complete']);
  });

  test('not JSON → 415; a body that is not an object → 400; a missing answer → 422', async () => {
    const sent = await sendReferral();
    const id = await referOn(sent.id);
    const path = `/api/v1/onward-referrals/${id}/answer`;
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${keys.rasa}`, 'content-type': 'text/plain', 'if-match': '"1"' }, body: 'accept' });
    await res.arrayBuffer();
    assert.equal(res.status, 415);
    assert.equal((await api('POST', path, { key: 'rasa', headers: { 'if-match': '"1"' }, body: '[1]' })).status, 400);
    const none = await api('POST', path, { key: 'rasa', headers: { 'if-match': '"1"' }, body: {} });
    assert.equal(none.status, 422);
    assert.equal(none.json.errors[0].field, 'answer');
    assert.equal(querySqlite(server, `SELECT version FROM onward_referrals WHERE id = '${id}'`).trim(), '1', 'nothing written');
  });
});

describe('consent withdrawn', () => {
  test('the API loses the referral at once: 404 to read and to answer, gone from the list', async () => {
    const sent = await sendReferral();
    const id = await referOn(sent.id);
    assert.equal((await api('GET', `/api/v1/onward-referrals/${id}`, { key: 'rasa' })).status, 200);
    const page = await leader.get(`/cases/${sent.id}`);
    const withdrawn = await post(leader, `/cases/${sent.id}/consent`, {
      version: hiddenField(page.text, 'version'), change: 'withdraw', given_by: 'victim', method: 'phone' });
    assert.equal(withdrawn.status, 303);
    assert.equal((await api('GET', `/api/v1/onward-referrals/${id}`, { key: 'rasa' })).status, 404);
    const list = await api('GET', '/api/v1/onward-referrals', { key: 'rasa' });
    assert.ok(!list.json.contents.some((x) => x.id === id));
    const answered = await api('POST', `/api/v1/onward-referrals/${id}/answer`, { key: 'rasa', headers: { 'if-match': '"1"' }, body: { answer: 'accept' } });
    assert.equal(answered.status, 404);
    assert.equal(querySqlite(server, `SELECT state FROM onward_referrals WHERE id = '${id}'`).trim(), 'sent');
  });
});

describe('a force polls its referral', () => {
  test('GET /api/v1/referrals/{id} has an ETag; If-None-Match with it → 304 until the progress moves', async () => {
    const sent = await sendReferral();
    const path = `/api/v1/referrals/${sent.id}`;
    const first = await api('GET', path, { key: 'force' });
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{32}"$/);
    const same = await api('GET', path, { key: 'force', headers: { 'if-none-match': etag } });
    assert.equal(same.status, 304);
    assert.equal(same.headers.get('etag'), etag);
    // A contact attempt that reaches the victim moves the progress on: a new ETag, a 200.
    const page = await leader.get(`/cases/${sent.id}`);
    const contact = await post(leader, `/cases/${sent.id}/contact-attempts`, {
      version: hiddenField(page.text, 'version'), channel: 'call', to: '0151 496 0124', outcome: 'reached' });
    assert.equal(contact.status, 303);
    const moved = await api('GET', path, { key: 'force', headers: { 'if-none-match': etag } });
    assert.equal(moved.status, 200);
    assert.equal(moved.json.status, 'contacted');
    assert.notEqual(moved.headers.get('etag'), etag);
  });
});
