// The real server end to end over loopback: system routes, middleware headers on every kind of
// response, CORS for /api, metrics, the access log, size limits, static assets, and a graceful
// SIGTERM that lets an in-flight request finish and exits 0.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { rawConnection, rawExchange } from '../../support/raw_http.mjs';
import { logsCaughtUp, sourceDir, startServer } from '../../support/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function requestLines(server) {
  return server.logs.join('').split('\n').flatMap((line) => {
    try {
      const entry = JSON.parse(line);
      return entry.msg === 'request' ? [entry] : [];
    } catch { return []; }
  });
}

function assertSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, `${what}: CSP`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP allows inline`);
  assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains', what);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'same-origin', what);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', what);
  assert.match(res.headers.get('x-request-id') ?? '', /^[A-Za-z0-9_-]{1,64}$/, `${what}: request id`);
}

describe('server', () => {
  let server;
  before(async () => {
    server = await startServer({ demo: false, env: { VG_LOG_LEVEL: 'info', VG_MAX_BODY_BYTES: '4096' } });
  });
  after(async () => { await server?.stop(); });

  test('GET /healthz answers ok', async () => {
    const res = await fetch(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  test('GET /readyz reports the database', async () => {
    const res = await fetch(`${server.url}/readyz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ready', database: 'sqlite' });
  });

  test('GET /hello is the benchmark baseline', async () => {
    const res = await fetch(`${server.url}/hello`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { hello: 'world' });
    assertSecurityHeaders(res, '/hello');
  });

  test('security headers on pages, API, errors and assets', async () => {
    for (const p of ['/healthz', '/api/v1/', '/api/v1/does-not-exist', '/no-such-page', '/metrics']) {
      const res = await fetch(`${server.url}${p}`);
      await res.arrayBuffer();
      assertSecurityHeaders(res, p);
    }
  });

  test('an acceptable X-Request-Id is echoed; anything else is replaced', async () => {
    const kept = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-abc_1' } });
    assert.equal(kept.headers.get('x-request-id'), 'trace-abc_1');
    const replaced = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id <x>' } });
    assert.match(replaced.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
  });

  test('CORS on /api responses and preflight', async () => {
    const res = await fetch(`${server.url}/api/v1/nothing-here`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    const problem = await res.json();
    assert.equal(problem.status, 404);
    assert.ok(problem.type && problem.title);

    const pre = await fetch(`${server.url}/api/openapi.yaml`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.equal(pre.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
    assert.equal(pre.headers.get('access-control-allow-headers'),
      'Authorization, Content-Type, Idempotency-Key, If-Match');

    const page = await fetch(`${server.url}/healthz`);
    assert.equal(page.headers.get('access-control-allow-origin'), null);
  });

  test('unknown pages are HTML 404s', async () => {
    const res = await fetch(`${server.url}/no-such-page`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.match(await res.text(), /Page not found/);
  });

  test('a body over max_body_bytes gets 413 problem+json', async () => {
    const res = await fetch(`${server.url}/api/v1/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10_000),
    });
    assert.equal(res.status, 413);
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    assert.equal((await res.json()).status, 413);
  });

  test('HEAD answers like GET without a body', async () => {
    const raw = await rawExchange(server.url, ['HEAD /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n']);
    assert.match(raw, /^HTTP\/1\.1 200 /);
    assert.match(raw, /\r\nContent-Length: 17\r\n/i);
    assert.ok(raw.endsWith('\r\n\r\n'), 'nothing after the head');
  });

  test('two requests on one keep-alive connection', async () => {
    const raw = await rawExchange(server.url, [
      'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n',
      'GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n',
    ]);
    assert.equal(raw.match(/HTTP\/1\.1 200 /g)?.length, 2, raw);
    assert.match(raw, /\{"hello":"world"\}$/);
  });

  test('hashed assets are cached for a year and gzipped', async () => {
    const manifest = JSON.parse(readFileSync(path.join(sourceDir, 'web/static/build/manifest.json'), 'utf8'));
    const css = manifest['application.css'];
    assert.ok(css, 'the build lists application.css');
    const res = await fetch(`${server.url}${css}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/css/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    const etag = res.headers.get('etag');
    assert.ok(etag);
    assert.ok((await res.text()).length > 0);
    const again = await fetch(`${server.url}${css}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);

    const traversal = await fetch(`${server.url}/assets/..%2fmanifest.json`);
    assert.equal(traversal.status, 404);
    await traversal.arrayBuffer();
  });

  test('/metrics counts requests by route pattern and reports the pool', async () => {
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}/healthz`)).arrayBuffer();
    await (await fetch(`${server.url}/api/v1/services/00000000-0000-4000-8000-000000000000?search=private`)).arrayBuffer();
    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const healthz = text.match(/^vg_http_requests_total\{route="\/healthz",method="GET",status="200"\} (\d+)$/m);
    assert.ok(healthz && Number(healthz[1]) >= 3, 'healthz counted');
    assert.match(text, /^vg_http_request_duration_seconds_bucket\{route="\/healthz",le="0\.0005"\} \d+$/m);
    assert.match(text, /^vg_http_request_duration_seconds_count\{route="\/healthz"\} \d+$/m);
    assert.match(text, /^vg_db_pool_connections_open \d+$/m);
    assert.match(text, /^vg_db_pool_connections_in_use \d+$/m);
    assert.match(text, /^vg_db_pool_waits_total \d+$/m);
    assert.doesNotMatch(text, /00000000-0000-4000-8000-000000000000/, 'no raw ids in labels');
  });

  test('one access-log line per request: the route pattern, never the path or query', async () => {
    const id = `log-check-${Date.now()}`;
    const res = await fetch(`${server.url}/api/v1/services/11111111-1111-4111-8111-111111111111?search=secret-words`, {
      headers: { 'x-request-id': id, cookie: 'vg_session=cookie-value' },
    });
    await res.arrayBuffer();
    // Every line logged for that request is in once a later request's line is (one pipe, in order).
    await logsCaughtUp(server);
    const lines = requestLines(server).filter((l) => l.request_id === id);
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line.level, 'info');
    assert.match(line.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal(line.method, 'GET');
    assert.equal(line.route, '/api/v1/services/{id}');
    assert.equal(line.status, res.status);
    assert.equal(typeof line.duration_ms, 'number');
    assert.equal(typeof line.bytes, 'number');
    const all = server.logs.join('');
    for (const secret of ['secret-words', 'cookie-value', '11111111-1111-4111-8111-111111111111']) {
      assert.ok(!all.includes(secret), `logs must not contain ${secret}`);
    }
    for (const l of requestLines(server)) {
      assert.ok(!JSON.stringify(l).includes('127.0.0.1'), 'no client addresses in access lines');
    }
  });
});

describe('graceful shutdown', () => {
  test('SIGTERM lets an in-flight request finish, then exits 0', async () => {
    // One loop, so what one connection shows of the server's progress holds for the other too.
    const server = await startServer({ demo: false, env: { VG_THREADS: '1' } });
    const connections = [];
    try {
      const exited = new Promise((resolve) => server.child.once('exit', (code, signal) => resolve({ code, signal })));
      // The request head is half sent when the signal arrives; the server must still answer it.
      const inFlight = rawConnection(server.url);
      connections.push(inFlight);
      await inFlight.connected;
      await inFlight.send('GET /healthz HTTP/1.1\r\nHost: t\r\n');
      // Opened and answered after those bytes were sent: by then the loop has read the half head.
      const idle = rawConnection(server.url);
      connections.push(idle);
      await idle.connected;
      await idle.send('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
      await idle.until(() => idle.received.endsWith('{"status":"ok"}'), 'the idle connection\'s answer');
      server.child.kill('SIGTERM');
      // The stop has reached the loop when it closes the idle keep-alive connection.
      await idle.until(() => idle.closed, 'the idle connection closed by the stop');
      assert.ok(!inFlight.closed, 'the connection with a request under way stays open');
      await inFlight.send('\r\n');
      await inFlight.until(() => inFlight.closed, 'the in-flight request answered and closed');
      const raw = inFlight.received;
      assert.match(raw, /^HTTP\/1\.1 200 /, raw);
      assert.match(raw, /\r\nConnection: close\r\n/i);
      assert.match(raw, /\{"status":"ok"\}$/);
      const { code, signal } = await Promise.race([exited, sleep(10_000).then(() => ({ code: 'timeout' }))]);
      assert.equal(signal, null);
      assert.equal(code, 0);
      // Nothing listens any more.
      await assert.rejects(fetch(`${server.url}/healthz`));
    } finally {
      for (const c of connections) c.socket.destroy();
      await server.stop();
    }
  });
});
