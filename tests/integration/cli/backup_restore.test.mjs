// `victim-gateway backup` and `restore` on SQLite, against a real server: referrals, a case with
// a note and the audit they wrote are made over HTTP, the database is backed up while the server
// runs and more referrals arrive, the backup is restored into a new file, and a server started on
// it finds every referral the backup holds, the case and its note, with an intact audit chain.
// Restore refuses a database in use and one it would overwrite unasked; backup refuses to
// overwrite a file; on PostgreSQL both explain pg_dump and pg_restore. Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { serverNow, spentStep, stepAt } from '../../support/second_factor.mjs';
import { binary, querySqlite, sqliteFile, startServer, vg } from '../../support/server.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const NOTE = 'Invented note: Robin Restoredname moved in with a sister';

const dirs = [];
const servers = [];
let server;
let forceKey;
let crime = 0;
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const run = (args, env) => spawnSync(binary, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-backup-'));
  dirs.push(dir);
  return dir;
};

async function sendReferral(url) {
  crime += 1;
  const res = await fetch(`${url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `BACKUP/${crime}/26`,
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: `Robin Restoredname ${crime}`, date_of_birth: '1971-04-05', phone: '0151 496 0000' },
      safe_contact: { safe_channels: ['call'], safe_phone: '0151 496 0123', voicemail_allowed: false, may_say_who_we_are: false },
    }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json.id;
}

async function signIn(url, [email, password]) {
  const browser = await signedInBrowser(url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

const version = (html) => hiddenField(html, 'version');
const referralIds = (s) => querySqlite(s, 'SELECT id FROM referrals ORDER BY id').split('\n').filter(Boolean);

let before_ids;
let caseId;
let backupFile;
let backupOutput;

before(async () => {
  server = await startServer();
  servers.push(server);
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const ids = [];
  for (let i = 0; i < 5; i += 1) ids.push(await sendReferral(server.url));
  caseId = ids[0];
  const leader = await signIn(server.url, LEADER);
  const page = await leader.get(`/cases/${caseId}`);
  const advisorId = querySqlite(server, `SELECT id FROM users WHERE email = '${ADVISOR[0]}'`);
  const allocated = await leader.post(`/cases/${caseId}/allocation`, { csrf_token: leader.csrf, version: version(page.text), user_id: advisorId, how: 'chosen' });
  assert.equal(allocated.status, 303);
  const advisor = await signIn(server.url, ADVISOR);
  const notes = await advisor.get(`/cases/${caseId}/notes`);
  const added = await advisor.post(`/cases/${caseId}/notes`, { csrf_token: advisor.csrf, version: version(notes.text), text: NOTE });
  assert.equal(added.status, 303);

  // The backup runs while referrals keep arriving: it holds all of a commit or none of it.
  backupFile = path.join(scratch(), 'vg-backup.db');
  let sending = true;
  const load = (async () => { while (sending) await sendReferral(server.url); })();
  await new Promise((r) => setTimeout(r, 100));
  backupOutput = run(['backup', '--to', backupFile], server.env);
  sending = false;
  await load;
  before_ids = ids;
}, { timeout: 300_000 });

test('backup copies the running database into a new file with its audit head', () => {
  assert.equal(backupOutput.status, 0, backupOutput.stdout + backupOutput.stderr);
  assert.match(backupOutput.stdout, /backed up to .*vg-backup\.db at migration \d+, audit log \d+ entries/);
  const head = JSON.parse(readFileSync(`${backupFile}.audit-head`, 'utf8'));
  const last = spawnSync('sqlite3', [backupFile, 'SELECT max(seq) FROM audit_log'], { encoding: 'utf8' }).stdout.trim();
  assert.equal(head.seq, Number(last));
  assert.ok(!existsSync(`${backupFile}-wal`), 'the backup is one self-contained file');
  const again = run(['backup', '--to', backupFile], server.env);
  assert.equal(again.status, 1, again.stdout);
  assert.match(again.stderr, /exists already/);
});

test('restore refuses the database a server is using, and one it would overwrite unasked', () => {
  const inUse = run(['restore', '--from', backupFile, '--replace'], server.env);
  assert.equal(inUse.status, 1, inUse.stdout + inUse.stderr);
  assert.match(inUse.stderr, /is in use/);
  const dir = scratch();
  const existing = path.join(dir, 'existing.db');
  writeFileSync(existing, 'not replaced');
  const unasked = run(['restore', '--from', backupFile], { ...server.env, VG_DATABASE_URL: `sqlite:${existing}` });
  assert.equal(unasked.status, 1, unasked.stdout + unasked.stderr);
  assert.match(unasked.stderr, /exists: restore into a new file, or give --replace/);
  assert.equal(readFileSync(existing, 'utf8'), 'not replaced');
  const notOurs = path.join(dir, 'not-ours.db');
  spawnSync('sqlite3', [notOurs, 'CREATE TABLE t (a)']);
  const refused = run(['restore', '--from', notOurs], { ...server.env, VG_DATABASE_URL: `sqlite:${path.join(dir, 'new.db')}` });
  assert.equal(refused.status, 1, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /Not a Victim Gateway database/);
  assert.ok(!existsSync(path.join(dir, 'new.db')));
});

test('a restored backup serves every record it holds, and its audit chain verifies', { timeout: 180_000 }, async () => {
  const dir = scratch();
  const env = { ...server.env, VG_DATABASE_URL: `sqlite:${path.join(dir, 'restored.db')}` };
  const restored = run(['restore', '--from', backupFile], env);
  assert.equal(restored.status, 0, restored.stdout + restored.stderr);
  assert.match(restored.stdout, /audit log intact: \d+ entries, up to the backup's head/);
  const verified = run(['verify-audit'], env);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /audit log intact/);

  const second = await startServer({ databaseUrl: env.VG_DATABASE_URL, migrate: false, demo: false });
  servers.push(second);
  const inBackup = referralIds(second);
  for (const id of before_ids) assert.ok(inBackup.includes(id), `referral ${id} made before the backup is in it`);
  assert.ok(inBackup.length >= before_ids.length);
  for (const id of inBackup) {
    const res = await fetch(`${second.url}/api/v1/referrals/${id}`, { headers: { authorization: `Bearer ${forceKey}` } });
    assert.equal(res.status, 200, `referral ${id} is served`);
    await res.arrayBuffer();
  }
  // Every referral the backup holds is whole: its case came with it (one commit, all or none).
  assert.equal(querySqlite(second, 'SELECT count(*) FROM referrals r LEFT JOIN cases c ON c.id = r.id WHERE c.id IS NULL'), '0');
  // The restored database holds the sign-in codes spent before the backup: none is used again.
  spentStep(second.url, ADVISOR[0], stepAt(serverNow(server.url)) + 1);
  const advisor = await signIn(second.url, ADVISOR);
  const notes = await advisor.get(`/cases/${caseId}/notes`);
  assert.equal(notes.status, 200);
  assert.match(notes.text, /moved in with a sister/);
  assert.equal(sqliteFile(second), path.join(dir, 'restored.db'));
});
