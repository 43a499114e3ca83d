// Rotating the notes key as docs/operations.md says to: a case with a note and a plan action
// sealed under key A, and its referral's document sealed by the store under A too; `rotate-keys` under a new key B without A refuses and changes nothing; the
// servers restarted with B and A as a previous key still open everything; `rotate-keys` re-seals
// every text under B while a server runs (audited, with counts and key ids only); the servers then
// run with B alone and still show the note and the action; `--check` says when an old key is
// still in use. Every person and every key is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Browser, hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const KEY_A = 'a1'.repeat(32);
const KEY_B = 'b2'.repeat(32);
const NOTE = 'Invented note: Riley keeps the spare key with a neighbour now';
const ACTION = 'Invented action: arrange a lock change with the housing officer';

const dir = mkdtempSync(path.join(tmpdir(), 'vg-rotate-'));
const databaseUrl = `sqlite:${path.join(dir, 'vg.db')}`;
let server;
let advisorCookies;
let caseId;

after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// `rotate-keys` with the given keys: exit status and output.
function rotateKeys(args, notesKey, previous) {
  const env = { ...process.env, VG_DATABASE_URL: databaseUrl, VG_NOTES_KEY: notesKey, VG_NOTES_PREVIOUS_KEYS: previous ?? '' };
  const r = spawnSync(binary, ['rotate-keys', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: r.stdout + r.stderr };
}

const keyIds = () => querySqlite(server, `SELECT key_id FROM case_notes UNION SELECT text_key_id FROM case_plan_actions`).split('\n').filter(Boolean);

async function serveWith(notesKey, previous) {
  await server?.stop();
  server = await startServer({
    databaseUrl, migrate: !server, demo: !server,
    env: { VG_NOTES_KEY: notesKey, VG_NOTES_PREVIOUS_KEYS: previous ?? '' },
  });
}

// The advisor's pages on the server now running (sessions live in the database, so the cookie
// signed in on the first server is good on the next).
async function advisorPage(p) {
  const browser = new Browser(server.url);
  browser.cookies = { ...advisorCookies };
  const page = await browser.get(p);
  assert.equal(page.status, 200, `${p}: ${page.text.slice(0, 300)}`);
  return page.text;
}

before(async () => {
  await serveWith(KEY_A);
  const key = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n').at(-1).trim();
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: 'ROTATE/1/26', incident_date: '2026-11-20', date_reported: '2026-11-21',
      offence_category: 'burglary_residential', local_authority: 'E08000012',
      victim: { type: 'person', name: 'Riley Inventedname', phone: '0151 496 0000' },
      safe_contact: { safe_channels: ['call'], safe_phone: '0151 496 0123', voicemail_allowed: false, may_say_who_we_are: false },
    }),
  });
  caseId = (await res.json()).id;
  assert.equal(res.status, 201);
  const leader = await signedInBrowser(server.url, ...LEADER);
  const advisorId = querySqlite(server, `SELECT id FROM users WHERE email = '${ADVISOR[0]}'`);
  let page = await leader.get(`/cases/${caseId}`);
  const allocated = await leader.post(`/cases/${caseId}/allocation`, {
    csrf_token: hiddenField(page.text, 'csrf_token'), version: hiddenField(page.text, 'version'), user_id: advisorId, how: 'chosen' });
  assert.equal(allocated.status, 303);
  const advisor = await signedInBrowser(server.url, ...ADVISOR);
  advisorCookies = { ...advisor.cookies };
  page = await advisor.get(`/cases/${caseId}/notes`);
  const noted = await advisor.post(`/cases/${caseId}/notes`, {
    csrf_token: hiddenField(page.text, 'csrf_token'), version: hiddenField(page.text, 'version'), text: NOTE });
  assert.equal(noted.status, 303);
  page = await advisor.get(`/cases/${caseId}/plan`);
  const due = new Date(Date.now() + 3 * 86_400_000);
  const planned = await advisor.post(`/cases/${caseId}/plan`, {
    csrf_token: hiddenField(page.text, 'csrf_token'), version: hiddenField(page.text, 'version'), step: 'add', text: ACTION,
    owner: advisorId, 'due-day': String(due.getUTCDate()), 'due-month': String(due.getUTCMonth() + 1), 'due-year': String(due.getUTCFullYear()) });
  assert.equal(planned.status, 303, planned.text.slice(0, 300));
}, { timeout: 300_000 });

test('with only the new key, rotate-keys refuses, naming the key it lacks, and changes nothing', () => {
  const [idA] = keyIds();
  assert.equal(keyIds().length, 1, 'both texts are under key A');
  const refused = rotateKeys([], KEY_B);
  assert.equal(refused.status, 1, refused.out);
  assert.match(refused.out, new RegExp(`${idA}.*notes_previous_keys`));
  assert.deepEqual(keyIds(), [idA]);
  assert.equal(rotateKeys(['--check'], KEY_A).status, 0, 'all under A, as A sees it');
  const stale = rotateKeys(['--check'], KEY_B, KEY_A);
  assert.equal(stale.status, 1);
  // The note, the plan action and the referral's document.
  assert.match(stale.out, new RegExp(`${idA}: 3 \\(a previous key\\)`));
});

test('a previous key that is not a key stops the command before it opens anything', () => {
  const bad = rotateKeys([], KEY_B, 'not-a-real-key');
  assert.equal(bad.status, 2, bad.out);
  assert.match(bad.out, /notes_previous_keys\[0\]/);
  assert.doesNotMatch(bad.out, /not-a-real-key/);
});

test('rotated under a running server, every text is under the new key and still opens', async () => {
  const [idA] = keyIds();
  await serveWith(KEY_B, KEY_A);
  assert.match(await advisorPage(`/cases/${caseId}/notes`), /spare key with a neighbour/, 'A opens as a previous key');
  const rotated = rotateKeys(['--batch', '1'], KEY_B, KEY_A);
  assert.equal(rotated.status, 0, rotated.out);
  assert.match(rotated.out, /3 texts re-sealed under nk1:[0-9a-f]{16}/);
  const ids = keyIds();
  assert.equal(ids.length, 1);
  assert.notEqual(ids[0], idA);
  assert.equal(querySqlite(server, `SELECT document_key_id FROM referrals WHERE id = '${caseId}'`), ids[0]);
  assert.doesNotMatch(rotated.out, /neighbour|housing officer|b2b2|a1a1/);
  // One audit entry per batch, by the job's own name, with counts and key ids: never a word.
  const entries = querySqlite(server, "SELECT actor || ' ' || detail FROM audit_log WHERE action = 'keys.rotated'").split('\n');
  assert.equal(entries.length, 3);
  for (const e of entries) {
    assert.match(e, /^system:rotate-keys /);
    assert.ok(e.includes(idA) && e.includes(ids[0]), e);
    assert.doesNotMatch(e, /neighbour|housing/);
  }
  assert.equal(rotateKeys(['--check'], KEY_B).status, 0, 'nothing left under A');
  assert.match(rotateKeys([], KEY_B).out, /0 texts re-sealed/, 'a second run has nothing to do');

  await serveWith(KEY_B);
  assert.match(await advisorPage(`/cases/${caseId}/notes`), /spare key with a neighbour/);
  assert.match(await advisorPage(`/cases/${caseId}/plan`), /lock change with the housing officer/);
  const audit = spawnSync(binary, ['verify-audit'], { env: { ...process.env, ...server.env }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  assert.match(await advisorPage(`/cases/${caseId}`), /Riley Inventedname/, 'the referral opens under B alone');
  // The database file holds neither text nor the victim's name in clear.
  const bytes = readFileSync(databaseUrl.replace(/^sqlite:/, ''));
  assert.equal(bytes.indexOf(Buffer.from('neighbour')), -1);
  assert.equal(bytes.indexOf(Buffer.from('Inventedname')), -1);
});
