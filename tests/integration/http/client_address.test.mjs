// Which address a caller is, for the per-address limits and /metrics, against a real server:
// X-Forwarded-For is believed only from a peer listed in trusted_proxies, and then its rightmost
// hop that is not itself a trusted proxy; from anyone else it is ignored, so a caller cannot
// slip past a limit (or reach /metrics) by writing the header.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startServer } from '../../support/server.mjs';

async function start(server, forwardedFor) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const res = await fetch(`${server.url}/refer/start`, { method: 'POST', redirect: 'manual', headers, body: 'website=' });
  await res.arrayBuffer();
  return res.status;
}

async function metrics(server, headers = {}) {
  const res = await fetch(`${server.url}/metrics`, { headers });
  await res.arrayBuffer();
  return res.status;
}

describe('X-Forwarded-For from a peer that is not a trusted proxy', () => {
  let server;
  after(async () => { await server?.stop(); });

  test('is ignored: a forged header does not make a new caller', async () => {
    // Trusts a proxy that is not the test's own address (127.0.0.1).
    server = await startServer({ env: { VG_SELF_REFERRAL_DRAFTS_PER_HOUR: '2', VG_TRUSTED_PROXIES: '10.9.9.9/32' } });
    assert.equal(await start(server, '203.0.113.10'), 303);
    assert.equal(await start(server, '203.0.113.10'), 303);
    assert.equal(await start(server, '203.0.113.11'), 429, 'still the same caller (the socket peer)');
    assert.equal(await start(server), 429);
  });

  test('does not open /metrics to a forwarded outsider', async () => {
    // A proxy on the same host that is not listed: the peer is loopback, the caller is not.
    assert.equal(await metrics(server), 200);
    assert.equal(await metrics(server, { 'x-forwarded-for': '203.0.113.10' }), 403);
  });
});

describe('X-Forwarded-For from a trusted proxy', () => {
  let server;
  after(async () => { await server?.stop(); });

  test('names the caller: each forwarded client has its own limit', async () => {
    server = await startServer({ env: { VG_SELF_REFERRAL_DRAFTS_PER_HOUR: '2', VG_TRUSTED_PROXIES: '127.0.0.1/32, 10.0.0.0/8' } });
    // The leftmost hop is whatever the client wrote; the proxies appended the real hops.
    assert.equal(await start(server, '198.51.100.1, 203.0.113.10, 10.1.1.1'), 303);
    assert.equal(await start(server, '9.9.9.9, 203.0.113.10'), 303);
    assert.equal(await start(server, '203.0.113.10'), 429, 'the third from 203.0.113.10');
    assert.equal(await start(server, '203.0.113.11'), 303, 'another caller behind the same proxy');
    assert.equal(await start(server, '203.0.113.11, 10.2.2.2'), 303);
    assert.equal(await start(server, '203.0.113.11'), 429);
  });

  test('/metrics is served by the forwarded caller\'s address, not the proxy\'s', async () => {
    assert.equal(await metrics(server, { 'x-forwarded-for': '203.0.113.10' }), 403);
    assert.equal(await metrics(server, { 'x-forwarded-for': '127.0.0.1' }), 200);
    assert.equal(await metrics(server), 200, 'direct from loopback');
  });
});

describe('metrics_allow', () => {
  let server;
  after(async () => { await server?.stop(); });

  test('/metrics answers only the configured addresses; every other route is unaffected', async () => {
    server = await startServer({ demo: false, env: { VG_METRICS_ALLOW: '10.0.0.0/8' } });
    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 403);
    assert.doesNotMatch(await res.text(), /vg_http_requests_total/);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });
});
