// Erasures survive a restore of an older backup (issue 17): an invented person's case is backed
// up, then closed and erased on their request over HTTP; `victim-gateway restore --replace` puts
// the older backup back in place of that database, and the person is still erased (the ledger of
// the database replaced is made again in the copy, with an audit entry naming the restore), the
// audit chain verifies, and another person's case the backup holds is whole.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];

const dir = mkdtempSync(path.join(tmpdir(), 'vg-restore-erasures-'));
let server;
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args, env) => spawnSync(binary, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

async function signIn([email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

test('a restored older backup does not bring back a person erased since', { timeout: 300_000 }, async () => {
  const databaseUrl = `sqlite:${path.join(dir, 'vg.db')}`;
  server = await startServer({ databaseUrl });
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  const key = out[out.length - 1].trim();
  const ids = [];
  for (const [n, name] of [[1, 'Alex Inventederased'], [2, 'Bea Inventedkept']]) {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        channel: 'police', area: 'merseyside', reported_to_police: true,
        police_force_code: 'E23000004', crime_reference: `RESTORE/${process.pid}/${n}`,
        incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
        local_authority: 'E08000012', victim: { type: 'person', name, date_of_birth: '1975-07-08', phone: '0151 496 0888' },
      }),
    });
    const json = await res.json();
    assert.equal(res.status, 201, JSON.stringify(json));
    ids.push(json.id);
  }
  const [erasedId, keptId] = ids;
  const leader = await signIn(LEADER);
  const advisor = await signIn(ADVISOR);
  const page = await leader.get(`/cases/${erasedId}`);
  const advisorId = querySqlite(server, `SELECT id FROM users WHERE email = '${ADVISOR[0]}'`).trim();
  const allocated = await leader.post(`/cases/${erasedId}/allocation`, { csrf_token: leader.csrf, version: hiddenField(page.text, 'version'), user_id: advisorId, how: 'chosen' });
  assert.equal(allocated.status, 303);
  const close = await advisor.get(`/cases/${erasedId}/close`);
  const check = await advisor.post(`/cases/${erasedId}/close`, { csrf_token: advisor.csrf, version: hiddenField(close.text, 'version'), step: 'check', reason: 'declined_support' });
  assert.equal(check.status, 200, check.text.slice(0, 300));
  const closed = await advisor.post(`/cases/${erasedId}/close`, { csrf_token: advisor.csrf, version: hiddenField(check.text, 'version'), step: 'confirm', reason: 'declined_support' });
  assert.equal(closed.status, 303);

  // The backup is taken before the erasure: it still holds the person.
  const backup = path.join(dir, 'before-erasure.db');
  const backedUp = run(['backup', '--to', backup], server.env);
  assert.equal(backedUp.status, 0, backedUp.stdout + backedUp.stderr);

  const erased = await leader.post(`/cases/${erasedId}/erasure`, { csrf_token: leader.csrf });
  assert.equal(erased.status, 303, erased.text.slice(0, 300));
  assert.equal(querySqlite(server, `SELECT document FROM referrals WHERE id = '${erasedId}'`).trim(), '{"erased":true}');

  // The service stops; the older backup replaces the database.
  const env = server.env;
  await server.stop();
  server = undefined;
  const restored = run(['restore', '--from', backup, '--replace'], env);
  assert.equal(restored.status, 0, restored.stdout + restored.stderr);
  assert.match(restored.stdout, /retention re-applied: 1 cases erased/);
  const db = { env };
  assert.equal(querySqlite(db, `SELECT document FROM referrals WHERE id = '${erasedId}'`).trim(), '{"erased":true}');
  assert.equal(querySqlite(db, `SELECT count(*) FROM referrals WHERE document LIKE '%Inventederased%'`).trim(), '0');
  assert.equal(querySqlite(db, `SELECT rule FROM retention_erasures WHERE case_id = '${erasedId}'`).trim(), 'on_request');
  const entry = querySqlite(db, `SELECT actor || ' ' || detail FROM audit_log WHERE action = 'case.personal_data_erased' AND entity_id = '${erasedId}' ORDER BY seq DESC LIMIT 1`).trim();
  assert.match(entry, /^system:restore \{"rule":"on_request","referral_id":"[^"]+","replayed":true/);
  assert.doesNotMatch(entry, /Inventederased/);
  assert.match(querySqlite(db, `SELECT document FROM referrals WHERE id = '${keptId}'`), /Inventedkept/);
  const verified = run(['verify-audit'], env);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
});
