// Bad referral input that an outside trial got stored (issue 10, items 4–8), through every way a
// referral comes in over HTTP: the API (422 problem+json naming the JSON path) and the staff form
// (400 with a GOV.UK error summary linked to the input). Each answer stores nothing: the same
// crime reference sent again, corrected, is created (201), not recognised as a duplicate.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { querySqlite, sourceDir, startServer, vg } from '../../support/server.mjs';
import { hiddenField as hidden, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
let server;
let secret;
let counter = 0;

before(async () => {
  server = await startServer();
  const out = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'input tests'], server.env).stdout;
  secret = out.trim().split('\n').at(-1).trim();
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

// A valid Merseyside police referral (a burglary in Liverpool) with a crime reference of its own.
function referral() {
  const file = path.join(sourceDir, 'tests/routing/merseyside/burglary-fallback.json');
  const r = JSON.parse(readFileSync(file, 'utf8')).referral;
  r.crime_reference = `INPUT-${process.pid}-${++counter}`;
  return r;
}

async function post(body) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { res, json, text };
}

const referralCount = () => Number(querySqlite(server, 'SELECT count(*) FROM referrals'));

// 422 problem+json naming every expected path (and each error with a code and a message), and
// nothing stored.
async function assertRefused(body, expected) {
  const before = referralCount();
  const { res, json, text } = await post(body);
  assert.equal(res.status, 422, text);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
  const fields = json.errors.map((e) => `${e.field} ${e.code}`);
  for (const f of expected) assert.ok(fields.includes(f), `${f} in ${JSON.stringify(fields)}`);
  for (const e of json.errors) assert.ok(e.code && e.message, JSON.stringify(e));
  assert.equal(referralCount(), before, 'nothing stored');
  return json;
}

describe('POST /api/v1/referrals refuses what the trial got stored', () => {
  test('a valid referral is still created', async () => {
    const { res, text } = await post(referral());
    assert.equal(res.status, 201, text);
  });

  // Item 4: the local authorities shipped in the binary, and the area each belongs to.
  test('a local authority that does not exist, or is in another area: 422 at $.local_authority', async () => {
    await assertRefused({ ...referral(), local_authority: 'E08999999' }, ['$.local_authority unknown']);
    // Manchester is in Greater Manchester, not Merseyside.
    await assertRefused({ ...referral(), local_authority: 'E08000003' }, ['$.local_authority not_in_area']);
  });

  // Item 5: the directory API's postcode shape rule.
  test('a postcode of impossible shape: 422 at its path', async () => {
    await assertRefused({ ...referral(), postcode: 'L1 1AAAA' }, ['$.postcode malformed']);
    const r = referral();
    r.victim.postcode = 'L1 1AAAA';
    await assertRefused(r, ['$.victim.postcode malformed']);
    const fine = referral();
    fine.postcode = 'l1 8jq';
    fine.victim.postcode = 'L18JQ';
    const { res, text } = await post(fine);
    assert.equal(res.status, 201, text);
  });

  // Item 6: the stored crime reference and the stored document must never disagree.
  test('a member named twice in one object, at any depth: 422 naming the path', async () => {
    const r = referral();
    const first = JSON.stringify(r);
    const topLevel = first.replace('{', `{"crime_reference":"PLANTED-${process.pid}",`);
    await assertRefused(topLevel, ['$.crime_reference duplicate']);
    const nested = first.replace('"victim":{', '"victim":{"name":"Invented Other Name",');
    await assertRefused(nested, ['$.victim.name duplicate']);
    // Corrected, the same crime reference is created: the refused ones stored nothing.
    const { res, text } = await post(r);
    assert.equal(res.status, 201, text);
  });

  // Item 7: NUL and the bidirectional overrides and isolates in any text field.
  test('control characters in a text field: 422 naming the field', async () => {
    for (const c of ['\u0000', '\u202A', '\u202E', '\u2066', '\u2069']) {
      const r = referral();
      r.victim.name = `Invented${c}Person`;
      await assertRefused(r, ['$.victim.name control_character']);
    }
    await assertRefused({ ...referral(), account: 'It was \u202Enoom eht no' }, ['$.account control_character']);
    await assertRefused({ ...referral(), crime_reference: 'MS\u0000-1' }, ['$.crime_reference control_character']);
    const safe = referral();
    safe.safe_contact = { safe_channels: ['call'], safe_phone: '0151 496 0000\u2067' };
    await assertRefused(safe, ['$.safe_contact.safe_phone control_character']);
    // Line breaks in the victim's account are the victim's words, not control characters.
    const { res, text } = await post({ ...referral(), account: 'First line.\r\nSecond line.\n\tIndented.' });
    assert.equal(res.status, 201, text);
  });

  // Item 8: every field error at once, the area's with the rest.
  test('a referral missing its area reports every other field error with it', async () => {
    const r = referral();
    delete r.area;
    r.victim.name = '';
    r.postcode = 'L1 1AAAA';
    r.local_authority = 'E08999999';
    await assertRefused(r, ['$.area required', '$.victim.name required', '$.postcode malformed',
      '$.local_authority unknown']);
  });

  test('a referral for an area not served here reports every other field error with it', async () => {
    const r = { ...referral(), area: 'atlantis', incident_date: '2099-01-01' };
    r.victim.name = 'Invented\u0000Person';
    await assertRefused(r, ['$.area unknown', '$.incident_date in_future', '$.victim.name control_character']);
  });
});

// ---- The staff form: the same rules, each error linked to its input. ----

const plain = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

const signIn = ([email, password]) => signedInBrowser(server.url, email, password);

function answers(overrides) {
  return {
    channel: 'phone', 'victim.type': 'person', 'victim.name': 'Jamie Inventedname',
    'victim.age': '40', offence_category: 'burglary_residential', local_authority: 'E08000012',
    reported_to_police: 'no', 'safe_contact.safe_channels': 'call',
    'safe_contact.safe_phone': '0161 496 0123', consent: 'given',
    account: 'Someone invented broke into the made-up flat.', ...overrides,
  };
}

describe('the staff referral form refuses the same input', () => {
  const cases = [
    { label: 'a NUL in the name', fields: { 'victim.name': 'Jamie\u0000Inventedname' }, anchor: 'victim.name' },
    { label: 'a right-to-left override in the account', fields: { account: 'Invented \u202Eaccount' }, anchor: 'account' },
    { label: 'a postcode of impossible shape', fields: { 'victim.postcode': 'L1 1AAAA' }, anchor: 'victim.postcode' },
  ];
  test('each: 400, an error summary linking the input, nothing stored', async () => {
    const advisor = await signIn(ADVISOR);
    for (const c of cases) {
      const page = await advisor.request('GET', '/staff/referrals/new');
      const form = Object.fromEntries(['csrf_token', 'form_id', 'started_at'].map((n) => [n, hidden(page.text, n)]));
      const before = referralCount();
      const r = await advisor.request('POST', '/staff/referrals/new', { ...form, ...answers(c.fields), action: 'send' });
      assert.equal(r.status, 400, `${c.label}: ${r.text.slice(0, 500)}`);
      const links = errorSummaryLinks(r.text, plain);
      assert.ok(links.some((l) => l.anchor === c.anchor), `${c.label}: #${c.anchor} in ${JSON.stringify(links)}`);
      assert.equal(referralCount(), before, `${c.label}: nothing stored`);
    }
  });
});
