// Refused credentials are audited in aggregate (app/audit/refusal_tally.h), against a real
// server: a flood of wrong API keys from one address leaves the first five refusals and then
// one entry at 10, 20, 50, ..., each with the count so far and never the key sent; a revoked key
// is named by its id; sign-ins refused while the throttle makes the address wait are audited the
// same way. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer, vg } from '../../support/server.mjs';
import { Browser } from '../../support/browser.mjs';

const POLICE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const WRONG_KEY = 'vgk_0000000000000000invented-wrong-key';

let server;
before(async () => { server = await startServer(); }, { timeout: 300_000 });
after(async () => { await server?.stop(); });

const entries = (action) => querySqlite(server,
  `SELECT actor || ' ' || entity_id || ' ' || detail FROM audit_log WHERE action = '${action}' ORDER BY seq`)
  .trim().split('\n').filter(Boolean);

// The tally writes through the batched audit writer, within a second; wait up to five.
async function auditedAtLeast(action, n) {
  const until = Date.now() + 5_000;
  while (entries(action).length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return entries(action);
}

const create = (key) => fetch(`${server.url}/api/v1/referrals`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
  body: '{}',
});

describe('refused API keys', () => {
  test('a flood from one address is audited at 1-5, 10, 20, 50 with the count, never the key', async () => {
    for (let i = 0; i < 60; i += 1) {
      const res = await create(WRONG_KEY);
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type'), /application\/problem\+json/);
      await res.arrayBuffer();
    }
    const audited = await auditedAtLeast('api_key.refused', 8);
    const counts = audited.map((line) => Number(/"refusals":(\d+)/.exec(line)?.[1]));
    assert.deepEqual(counts, [1, 2, 3, 4, 5, 10, 20, 50], audited.join('\n'));
    for (const line of audited) {
      assert.match(line, /^system:api {2}\{"refusals":\d+,"reason":"unknown"\}$/);
      assert.doesNotMatch(line, /invented-wrong-key|vgk_/, 'the key sent is never kept');
    }
  });

  test('no key and a malformed key are counted in the same address bucket', async () => {
    const before = entries('api_key.refused').length;
    assert.equal((await create(undefined)).status, 401);   // the 61st from this address
    assert.equal((await create('short')).status, 401);     // the 62nd
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(entries('api_key.refused').length, before, 'neither count is one to audit');
  });

  test('a revoked key is named by its id', async () => {
    const out = vg(['api-keys', 'create', '--org', POLICE, '--label', 'revoked later'], server.env).stdout.trim().split('\n');
    const id = out[0].split(' ')[2];
    const secret = out[out.length - 1].trim();
    vg(['api-keys', 'revoke', id], server.env);
    // From another address bucket's point of view this is still 127.0.0.1: count up to 100.
    for (let i = 0; i < 38; i += 1) assert.equal((await create(secret)).status, 401);
    const audited = await auditedAtLeast('api_key.refused', 9);
    assert.equal(audited.length, 9, audited.join('\n'));
    assert.equal(audited[8], `api-key:${id} ${id} {"refusals":100,"reason":"revoked"}`);
  });
});

describe('sign-ins refused by the throttle', () => {
  test('are audited in aggregate with the bucket that held them', async () => {
    const email = 'advisor@demo.victim-gateway.test';
    const statuses = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await new Browser(server.url).trySignIn(email, `invented wrong password ${i}`)).status);
    }
    const throttled = statuses.filter((s) => s === 429).length;
    assert.ok(throttled >= 6, `the pair's five free failures, then waits: ${statuses}`);
    const expected = Math.min(throttled, 5) + (throttled >= 10 ? 1 : 0);
    const audited = await auditedAtLeast('user.login_throttled', expected);
    assert.equal(audited.length, expected, audited.join('\n'));
    assert.match(audited[0], /^system:sign-in {2}\{"refusals":1,"held_by":"pair"\}$/);
    for (const line of audited) assert.doesNotMatch(line, /advisor@|invented wrong/);
    // Each failure before the wait is still audited on its own.
    const failed = Number(querySqlite(server, "SELECT count(*) FROM audit_log WHERE action = 'user.login_failed'"));
    assert.equal(failed, statuses.filter((s) => s !== 429).length);
  });
});
