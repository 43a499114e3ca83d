// Protocol abuse against the real server, as an attacker would send it by hand: lying and
// oversized Content-Length, broken chunking, a hundred thousand headers, slowloris with thousands
// of connections, JSON nested a hundred thousand deep, invalid UTF-8, CR LF in paths and encoded
// path traversal. Each case checks three things: the answer is a clear error (a 4xx status, with
// problem+json under /api), nothing was stored, and other clients were served while it went on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { firstResponse, rawConnection, rawExchange } from '../../support/raw_http.mjs';
import { policeExamples } from '../../support/referral_load.mjs';
import { sqliteFile, startServer, vg } from '../../support/server.mjs';
import { sqliteRows } from '../../support/store_invariants.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const REQUEST_TIMEOUT_SECONDS = 2;  // how long the server waits for a request's head and body
const MAX_BODY_BYTES = 64 * 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let server;
let apiKey;
let read;
let made = 0;

// A valid referral body (an invented person from the routing examples) under a fresh reference.
function referralBody() {
  made += 1;
  return JSON.stringify({ ...policeExamples()[0], crime_reference: `HOSTILE-${process.pid}-${made}` });
}

// What the store holds that a hostile request could have added to: rows of every table a
// referral, a self-referral draft or a sign-in writes.
function storedCounts() {
  const [row] = read(`SELECT (SELECT count(*) FROM referrals) AS referrals,
    (SELECT count(*) FROM cases) AS cases,
    (SELECT count(*) FROM idempotency_keys) AS idempotency_keys,
    (SELECT count(*) FROM form_drafts) AS drafts,
    (SELECT count(*) FROM sessions) AS sessions,
    (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'sign_in%' AND action NOT LIKE '%.failed') AS audit`);
  return row;
}

// Runs `attack` while an ordinary client keeps using the service (the health check, a directory
// search, a referral's progress); checks every ordinary request was answered, promptly, and that
// the store holds exactly what it held before. Returns what `attack` returned.
async function whileOthersAreServed(attack, { slowestMs = 1500 } = {}) {
  const before = storedCounts();
  let done = false;
  const answered = [];
  const ordinary = (async () => {
    const paths = ['/healthz', '/api/v1/services?per_page=5', '/find-support?local_authority=E08000012'];
    // Bounded in count and in time: at most 2,000 requests, each with its own time limit.
    for (let n = 0; !done && n < 2000; n += 1) {
      const p = paths[n % paths.length];
      const started = Date.now();
      // A fresh connection each time, closed after: a kept-alive one could be reused just as the
      // server's idle timeout (the short request timeout here) closes it, a race of the client's.
      try {
        const raw = await rawExchange(server.url, [`GET ${p} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`], 10_000);
        answered.push({ p, status: firstResponse(raw).status, ms: Date.now() - started });
      } catch (e) {
        answered.push({ p, status: 0, error: String(e.code ?? e.name), ms: Date.now() - started });
      }
      await sleep(20);
    }
  })();
  let result;
  try {
    result = await attack();
  } finally {
    done = true;
    await ordinary;
  }
  assert.ok(answered.length >= 1, 'the ordinary client made requests meanwhile');
  const failed = answered.filter((a) => a.status !== 200);
  assert.deepEqual(failed, [], 'every ordinary request meanwhile was answered 200');
  const slowest = Math.max(...answered.map((a) => a.ms));
  assert.ok(slowest <= slowestMs, `ordinary requests were answered within ${slowestMs} ms (slowest ${slowest} ms)`);
  assert.deepEqual(storedCounts(), before, 'nothing was stored');
  return result;
}

// Sends `bytes` (strings and Buffers, in order) on a fresh connection; the first response.
async function send(...bytes) {
  return firstResponse(await rawExchange(server.url, bytes, (REQUEST_TIMEOUT_SECONDS + 8) * 1000));
}

function referralHead(extra = '') {
  return `POST /api/v1/referrals HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${apiKey}\r\n`
    + `Content-Type: application/json\r\nConnection: close\r\n${extra}`;
}

// A clear error: the status expected, and under /api a problem+json body that says the same.
function assertProblem(response, status, what) {
  assert.equal(response.status, status, `${what}: ${response.raw.slice(0, 300)}`);
  assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/, `${what}: content type`);
  const problem = JSON.parse(response.body);
  assert.equal(problem.status, status, `${what}: problem status`);
  assert.ok(problem.title, `${what}: problem title`);
}

before(async () => {
  server = await startServer({
    env: {
      VG_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS),
      VG_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      VG_API_CACHE_SECONDS: '0',
    },
  });
  read = sqliteRows(sqliteFile(server));
  apiKey = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'hostile input'], server.env).stdout.trim().split('\n').at(-1).trim();
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('the suite itself', () => {
  test('a well-formed referral sent the same raw way is created (so the refusals below are the input\'s doing)', async () => {
    const body = referralBody();
    const response = await send(referralHead(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), body);
    assert.equal(response.status, 201, response.raw.slice(0, 300));
  });
});

describe('Content-Length', () => {
  test('a length far over the limit is refused at once with 413, before any body', async () => {
    await whileOthersAreServed(async () => {
      const started = Date.now();
      const response = await send(referralHead('Content-Length: 10000000000000\r\n\r\n'), '{"a":1}');
      assertProblem(response, 413, 'claimed 10 TB');
      assert.ok(Date.now() - started < REQUEST_TIMEOUT_SECONDS * 1000, 'answered without waiting for the body');
    });
  });

  test('a length longer than the body sent: 408 when the request time is up', async () => {
    await whileOthersAreServed(async () => {
      const body = referralBody();
      const response = await send(referralHead(`Content-Length: ${Buffer.byteLength(body) + 500}\r\n\r\n`), body);
      assertProblem(response, 408, 'body shorter than its length');
    }, { slowestMs: 1500 });
  });

  test('a length shorter than the body: the cut body is refused, the rest dropped', async () => {
    await whileOthersAreServed(async () => {
      const body = referralBody();
      const raw = await rawExchange(server.url, [referralHead(`Content-Length: ${Math.floor(body.length / 2)}\r\n\r\n`), body], 8000);
      const response = firstResponse(raw);
      // The API answers a body that is not JSON as it answers any invalid referral: 422.
      assert.ok([400, 422].includes(response.status), raw.slice(0, 300));
      assertProblem(response, response.status, 'half a JSON document');
      // The connection closes after the answer: what followed the declared length is dropped.
      assert.equal(raw.match(/HTTP\/1\.1 \d{3} /g).length, 1, 'one answer only');
    });
  });

  for (const [name, header] of [
    ['two lengths that disagree', 'Content-Length: 10\r\nContent-Length: 20\r\n'],
    ['a list of lengths', 'Content-Length: 10, 20\r\n'],
    ['a negative length', 'Content-Length: -1\r\n'],
    ['a length that is not a number', 'Content-Length: 1e3\r\n'],
    ['a length past 64 bits', 'Content-Length: 999999999999999999999999999\r\n'],
    ['a length and chunked together (request smuggling)', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n'],
  ]) {
    test(`${name}: 400 or 413, nothing read as a request`, async () => {
      await whileOthersAreServed(async () => {
        const body = referralBody();
        const raw = await rawExchange(server.url, [referralHead(`${header}\r\n`), `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`], 8000);
        const response = firstResponse(raw);
        assert.ok([400, 413].includes(response.status), `${name}: ${raw.slice(0, 300)}`);
        assertProblem(response, response.status, name);
        assert.equal(raw.match(/HTTP\/1\.1 201 /g), null, 'no referral created');
      });
    });
  }
});

describe('chunked bodies', () => {
  const chunked = 'Transfer-Encoding: chunked\r\n\r\n';

  test('a chunk size that overflows: 400', async () => {
    await whileOthersAreServed(async () => {
      assertProblem(await send(referralHead(chunked), 'FFFFFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n'), 400, 'overflowing chunk size');
    });
  });

  test('a chunk size that is not hexadecimal: 400', async () => {
    await whileOthersAreServed(async () => {
      assertProblem(await send(referralHead(chunked), 'zz\r\nabc\r\n0\r\n\r\n'), 400, 'non-hex chunk size');
    });
  });

  test('many small chunks adding up past the body limit: 413', async () => {
    await whileOthersAreServed(async () => {
      const chunk = `400\r\n${'x'.repeat(0x400)}\r\n`;
      const chunks = chunk.repeat(Math.ceil((MAX_BODY_BYTES * 2) / 0x400));
      assertProblem(await send(referralHead(chunked), chunks, '0\r\n\r\n'), 413, 'chunks past the limit');
    });
  });

  test('a chunk extension longer than a request head may be: refused', async () => {
    await whileOthersAreServed(async () => {
      const response = await send(referralHead(chunked), `3;${'e'.repeat(200_000)}\r\nabc\r\n0\r\n\r\n`);
      assert.ok([400, 413, 431].includes(response.status), response.raw.slice(0, 300));
      assertProblem(response, response.status, 'huge chunk extension');
    });
  });

  test('chunks that never end: 408 when the request time is up', async () => {
    await whileOthersAreServed(async () => {
      assertProblem(await send(referralHead(chunked), '5\r\n{"a":\r\n'), 408, 'unfinished chunking');
    });
  });

  test('a valid referral in 1-byte chunks is still read whole (chunking itself is not refused)', async () => {
    const body = referralBody();
    const chunks = [...Buffer.from(body)].map((b) => `1\r\n${String.fromCharCode(b)}\r\n`).join('');
    const response = await send(referralHead('Transfer-Encoding: chunked\r\n\r\n'), chunks, '0\r\n\r\n');
    assert.equal(response.status, 201, response.raw.slice(0, 300));
  });
});

describe('request heads', () => {
  test('100,000 headers: 431 at once', async () => {
    await whileOthersAreServed(async () => {
      const headers = Array.from({ length: 100_000 }, (_, i) => `X-H${i}: ${i}\r\n`).join('');
      assertProblem(await send(referralHead(headers), '\r\n{}'), 431, '100k headers');
    });
  });

  test('one header of a megabyte: 431', async () => {
    await whileOthersAreServed(async () => {
      assertProblem(await send(referralHead(`Cookie: ${'a=b; '.repeat(200_000)}\r\n`), '\r\n{}'), 431, 'a megabyte of cookies');
    });
  });

  test('a request line of a megabyte: 431 or 414, never a crash', async () => {
    await whileOthersAreServed(async () => {
      const response = await send(`GET /find-support?q=${'a'.repeat(1 << 20)} HTTP/1.1\r\nHost: t\r\n\r\n`);
      assert.ok([400, 414, 431].includes(response.status), response.raw.slice(0, 200));
    });
  });

  test('a header name or value with a bare CR, NUL or no colon: 400', async () => {
    await whileOthersAreServed(async () => {
      // (Obsolete line folding is not here: RFC 9112 §5.2 lets a server unfold it instead.)
      for (const bad of ['X-A: a\rb\r\n', 'X-A: a\0b\r\n', 'no colon here\r\n', 'X A: space in the name\r\n']) {
        const response = await send(`GET /healthz HTTP/1.1\r\nHost: t\r\n${bad}\r\n`);
        assert.equal(response.status, 400, `${JSON.stringify(bad)}: ${response.raw.slice(0, 200)}`);
      }
    });
  });
});

describe('slowloris', () => {
  // Enough to matter, within the open-files limit this test and the server share.
  const openFiles = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim()) || 1024;
  const count = Math.max(100, Math.min(2000, Math.floor((openFiles - 200) / 2)));

  test(`${count} connections trickling their heads do not starve anyone, and are cut at the request time`, async () => {
    const connections = [];
    try {
      await whileOthersAreServed(async () => {
        for (let i = 0; i < count; i += 1) connections.push(rawConnection(server.url));
        await Promise.all(connections.map((c) => c.connected));
        const deadline = Date.now() + (REQUEST_TIMEOUT_SECONDS + 8) * 1000;
        // One byte at a time, every 250 ms, until the server has cut every connection or the
        // deadline passes (the server must cut them at its request time, 2 s).
        const head = referralHead('X-Slow: ') + 'a'.repeat(1000);
        for (let at = 0; at < head.length && Date.now() < deadline; at += 1) {
          const open = connections.filter((c) => !c.closed);
          if (open.length === 0) break;
          for (const c of open) c.socket.write(head[at]);
          await sleep(250);
        }
        const stillOpen = connections.filter((c) => !c.closed).length;
        assert.equal(stillOpen, 0, `every trickling connection was cut at the request time (${stillOpen} still open)`);
        const timedOut = connections.filter((c) => /^HTTP\/1\.1 408 /.test(c.received)).length;
        assert.ok(timedOut >= count * 0.9, `most were told 408 (${timedOut} of ${count})`);
      }, { slowestMs: 2000 });
    } finally {
      for (const c of connections) c.socket.destroy();
    }
  });
});

describe('JSON', () => {
  // As deep as the suite's 64 KB body limit allows; 100,000 levels are sent to a server with the
  // default limit below.
  for (const [name, body] of [
    ['arrays nested 30,000 deep', '['.repeat(30_000) + ']'.repeat(30_000)],
    ['objects nested 10,000 deep', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['a referral with a member nested 20,000 deep', referralBody().replace(/}$/, `,"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)],
  ]) {
    test(`${name}: 4xx problem+json, the server unharmed`, async () => {
      await whileOthersAreServed(async () => {
        const response = await send(referralHead(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), body);
        assert.ok([400, 422].includes(response.status), `${name}: ${response.raw.slice(0, 300)}`);
        assertProblem(response, response.status, name);
      });
    });
  }

  test('100,000 levels at the default body limit: 400, the server unharmed', async () => {
    // The suite's server takes 64 KB bodies; this one takes the default megabyte.
    const big = await startServer({ env: { VG_API_CACHE_SECONDS: '0' } });
    try {
      for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
        const res = await fetch(`${big.url}/api/v1/referrals`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key' }, body,
        });
        // Without a key the answer is 401, before the body is parsed; the server must stay up either way.
        assert.ok([400, 401, 422].includes(res.status), String(res.status));
        assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
      }
      const keyed = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'deep json'], big.env).stdout.trim().split('\n').at(-1).trim();
      for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
        const res = await fetch(`${big.url}/api/v1/referrals`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyed}` }, body,
        });
        assert.ok([400, 422].includes(res.status), String(res.status));
        assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
      }
      assert.equal((await fetch(`${big.url}/healthz`)).status, 200);
      assert.equal(sqliteRows(sqliteFile(big))('SELECT count(*) AS n FROM referrals')[0].n, 0);
    } finally {
      await big.stop();
    }
  });
});

describe('invalid UTF-8', () => {
  const bad = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]);  // broken, never-valid, a surrogate

  test('in a JSON string: 400 or 422 problem+json', async () => {
    await whileOthersAreServed(async () => {
      const [left, right] = referralBody().split('"crime_reference":"');
      const body = Buffer.concat([Buffer.from(`${left}"crime_reference":"`), bad, Buffer.from(right)]);
      const response = await send(referralHead(`Content-Length: ${body.length}\r\n\r\n`), body);
      assert.ok([400, 422].includes(response.status), response.raw.slice(0, 300));
      assertProblem(response, response.status, 'invalid UTF-8 in JSON');
    });
  });

  test('in a form body: the form again with an error, or 400; no draft', async () => {
    await whileOthersAreServed(async () => {
      const body = Buffer.concat([Buffer.from('crime_type='), bad, Buffer.from('&local_authority=E08000012')]);
      const response = await send(`POST /refer/advice HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body);
      assert.ok([200, 400, 422].includes(response.status), response.raw.slice(0, 300));
      assert.match(response.headers['content-type'] ?? '', /^text\/html/);
      assert.ok(!response.body.includes('\xff'), 'the bad bytes are not echoed into the page');
    });
  });

  test('percent-encoded in a search and a path: answered, not echoed raw', async () => {
    await whileOthersAreServed(async () => {
      const search = await send('GET /find-support?q=%C3%28%FF%FE%ED%A0%80 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
      assert.ok([200, 400].includes(search.status), search.raw.slice(0, 300));
      assert.ok(!search.body.includes('\xff\xfe'), 'the bad bytes are not echoed into the page');
      const api = await send('GET /api/v1/services?search=%FF%FE HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
      assert.ok([200, 400].includes(api.status), api.raw.slice(0, 300));
      if (api.status === 400) assertProblem(api, 400, 'invalid UTF-8 search');
      const path = await send('GET /help/%FF%FE HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
      assert.ok([400, 404].includes(path.status), path.raw.slice(0, 300));
    });
  });

  test('in a header the app reads: answered, the bytes not reflected', async () => {
    await whileOthersAreServed(async () => {
      const response = await send(Buffer.concat([Buffer.from('GET /healthz HTTP/1.1\r\nHost: t\r\nX-Request-Id: '), bad,
        Buffer.from('\r\nCookie: vg_session='), bad, Buffer.from('\r\nConnection: close\r\n\r\n')]));
      assert.equal(response.status, 200);
      assert.match(response.headers['x-request-id'], /^[0-9a-f]{32}$/, 'the request id replaced');
    });
  });
});

describe('CR LF in paths', () => {
  test('raw CR or LF inside the request line: 400', async () => {
    await whileOthersAreServed(async () => {
      for (const line of ['GET /healthz\rX: y HTTP/1.1\r\n', 'GET /he\nalthz HTTP/1.1\r\n', 'GET /healthz HTTP/1.1\rSet-Cookie: a=b\r\n']) {
        const response = await send(`${line}Host: t\r\n\r\n`);
        assert.equal(response.status, 400, `${JSON.stringify(line)}: ${response.raw.slice(0, 200)}`);
      }
    });
  });

  test('encoded CR LF never becomes a header, in a page, an API path or a redirect', async () => {
    await whileOthersAreServed(async () => {
      const injected = '%0d%0aSet-Cookie:%20injected=1%0d%0aX-Injected:%201';
      for (const target of [
        `/no-such-page${injected}`,
        `/api/v1/services/${injected}`,
        `/staff/cases/${injected}`,
        `/sign-in?next=%2F%2Fevil.example${injected}`,
        `/refer?expired=${injected}`,
        `/find-support?local_authority=${injected}`,
        `/assets/${injected}`,
      ]) {
        const response = await send(`GET ${target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
        assert.ok(response.status >= 200 && response.status < 500, `${target}: ${response.raw.slice(0, 200)}`);
        const head = response.raw.slice(0, response.raw.indexOf('\r\n\r\n'));
        assert.doesNotMatch(head, /injected|X-Injected/i, `${target}: an injected header`);
        if (response.headers.location) assert.doesNotMatch(response.headers.location, /evil\.example/, `${target}: redirect off site`);
      }
    });
  });
});

describe('encoded path traversal', () => {
  test('no way out of the asset folder or the content folder', async () => {
    await whileOthersAreServed(async () => {
      for (const target of [
        '/assets/../../../../etc/passwd',
        '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
        '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '/assets/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
        '/assets/..%5c..%5c..%5c..%5cetc%5cpasswd',
        '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
        '/assets/....//....//....//etc/passwd',
        '/assets/%00../../etc/passwd',
        '/assets//etc/passwd',
        '/help/..%2f..%2f..%2fetc%2fpasswd',
        '/help/%2e%2e%2f%2e%2e%2fCMakeLists.txt',
        '/find-support/services/..%2f..%2f..%2fetc%2fpasswd',
        '//etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
      ]) {
        const response = await send(`GET ${target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
        assert.ok(response.status >= 400 && response.status < 500, `${target}: ${response.status}`);
        assert.doesNotMatch(response.body, /root:.*:0:0:|cmake_minimum_required/i, `${target}: a file outside was served`);
      }
    });
  });
});
