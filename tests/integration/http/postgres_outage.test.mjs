// PostgreSQL restarted under a running server, while referrals arrive over several connections:
// once cleanly (pg_ctl stop -m fast) and once as if it crashed (-m immediate); then frozen
// (SIGSTOP) and thawed. Meanwhile every
// request is answered, quickly, with 201 or 503 application/problem+json (never another error,
// a dropped connection or a wait past the bound) and /readyz says 503; once PostgreSQL is back the
// server reconnects by itself and creates succeed again. Afterwards every 201 is stored as sent,
// nothing is half-written (store_invariants.mjs), the audit chain verifies, and each request
// answered 503, sent again as a client would, is stored once. Starts its own throwaway cluster
// (tests/support/postgres_cluster.mjs), so it needs no VG_TEST_POSTGRES_URL. Seeded like the
// kill tests (VG_CRASH_SEED).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { startPostgresCluster } from '../../support/postgres_cluster.mjs';
import { referralMaker, sendReferral, startReferralLoad } from '../../support/referral_load.mjs';
import { seededRandom, seedFrom } from '../../support/seeded_random.mjs';
import { binary, startServer, vg } from '../../support/server.mjs';
import { halfWritten, postgresRows, readStore } from '../../support/store_invariants.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const ANSWER_WITHIN_MS = 15_000;  // the longest any request may wait, outage or not
const BACK_WITHIN_MS = 30_000;    // creates succeed again this soon after PostgreSQL is back
const STATEMENT_TIMEOUT_SECONDS = 3;  // how long the server waits on one unanswered statement
const seed = seedFrom('VG_CRASH_SEED');
const random = seededRandom(seed);
const dir = mkdtempSync(path.join(tmpdir(), 'vg-outage-'));
let cluster;
let server;
let apiKeyOfTest;
after(async () => {
  await server?.stop();
  await cluster?.remove();
  rmSync(dir, { recursive: true, force: true });
});

// Waits until `ready()` holds, checking every 50 ms; fails after `ms`.
async function until(ready, ms, what) {
  for (const deadline = Date.now() + ms; !ready();) {
    if (Date.now() > deadline) throw new Error(`[seed ${seed}] ${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Every request of `sent` was answered 201 or 503 problem+json, within the bound; logs the counts.
function assertEachAnswered(sent, what) {
  for (const i of sent) {
    assert.ok(i.status === 201 || i.status === 503, `[seed ${seed}] ${what}: ${i.status} ${i.error ?? ''} ${i.text}`);
    assert.ok(i.ms <= ANSWER_WITHIN_MS, `[seed ${seed}] ${what}: answered after ${i.ms} ms`);
    if (i.status === 503) {
      assert.match(i.contentType, /^application\/problem\+json/);
      assert.equal(JSON.parse(i.text).status, 503);
    }
  }
  const count = (status) => sent.filter((i) => i.status === status).length;
  console.log(`${what}: ${count(201)} answered 201, ${count(503)} answered 503`);
}

// A client sends what was answered 503 again: it is stored once, whether or not the first try
// had reached the database (a statement given up may still have committed).
async function resendEach503(sent, apiKey) {
  for (const item of sent.filter((i) => i.status === 503)) {
    const again = await sendReferral(server.url, apiKey, { ...item });
    const expected = item.idempotencyKey ? [201] : [201, 200];
    assert.ok(expected.includes(again.status), `[seed ${seed}] resent ${item.crimeReference}: ${again.status} ${again.text}`);
  }
}

const readyz = async () => (await fetch(`${server.url}/readyz`)).status;

test(`a PostgreSQL restart under load: 503 meanwhile, reconnected after, every 201 kept (seed ${seed})`, async () => {
  cluster = await startPostgresCluster();
  server = await startServer({
    databaseUrl: cluster.url,
    env: { VG_AUDIT_HEAD: path.join(dir, 'audit-head'), VG_DB_STATEMENT_TIMEOUT_SECONDS: String(STATEMENT_TIMEOUT_SECONDS) },
  });
  const apiKey = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'outage'], server.env).stdout.trim().split('\n').at(-1).trim();
  const sent = [];
  for (const mode of ['fast', 'immediate']) {
    const load = startReferralLoad({
      url: server.url, apiKey, make: referralMaker(random, `OUTAGE-${seed}-${mode}`), connections: 8,
      timeoutMs: ANSWER_WITHIN_MS * 2, pauseAfterFailureMs: 20,
    });
    try {
      await until(() => load.answered(201).length >= 20, 30_000, 'no 20 creates before the outage');
      await cluster.stop(mode);
      const down = Date.now();
      await until(() => load.sent.some((i) => i.status === 503 && i.startedAt > down), ANSWER_WITHIN_MS, `no 503 during the ${mode} outage`);
      assert.equal(await readyz(), 503, 'not ready while the database is down');
      await new Promise((resolve) => setTimeout(resolve, random.between(200, 1500)));
      await cluster.start();
      const back = Date.now();
      await until(() => load.sent.filter((i) => i.status === 201 && i.startedAt > back).length >= 20, BACK_WITHIN_MS,
        `no 20 creates after PostgreSQL came back from the ${mode} stop`);
      console.log(`${mode} stop: down ${back - down} ms; creates again ${Date.now() - back} ms after`);
      assert.equal(await readyz(), 200, 'ready again');
    } finally {
      await load.stop();
    }
    assert.equal(server.child.exitCode, null, `the server exited during the ${mode} outage:\n${server.logs.join('')}`);
    assertEachAnswered(load.sent, `${mode} stop`);
    sent.push(...load.sent);
  }

  const read = postgresRows(cluster.url);
  const store = readStore(read);
  assert.deepEqual(halfWritten(store), [], `[seed ${seed}] half-written`);
  for (const item of sent.filter((i) => i.status === 201)) {
    const ack = JSON.parse(item.text);
    assert.equal(store.referrals.get(ack.id)?.document, item.body, `[seed ${seed}] ${ack.reference} was answered 201 and is not stored as sent`);
  }
  await resendEach503(sent, apiKey);
  const twice = read("SELECT crime_reference, COUNT(*) AS n FROM referrals WHERE crime_reference LIKE 'outage-%' GROUP BY crime_reference HAVING COUNT(*) > 1");
  assert.deepEqual(twice, [], `[seed ${seed}] stored twice`);
  assert.deepEqual(halfWritten(readStore(read)), [], `[seed ${seed}] half-written after the resends`);
  const audit = spawnSync(binary, ['verify-audit'], { env: { ...process.env, ...server.env }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  apiKeyOfTest = apiKey;
}, { timeout: 300_000 });

// After a restart nobody saw (no request during it), the connections the server holds are dead:
// the first requests must find that out and open new ones, not answer 503.
test(`after a quiet PostgreSQL restart the first requests are answered as usual (seed ${seed})`, async () => {
  assert.ok(apiKeyOfTest, 'runs after the test above');
  const make = referralMaker(random, `OUTAGE-${seed}-quiet`);
  const load = startReferralLoad({ url: server.url, apiKey: apiKeyOfTest, make, connections: 8 });
  await until(() => load.answered(201).length >= 40, 30_000, 'no 40 creates to fill the pool');
  await load.stop();
  await cluster.stop('fast');
  await cluster.start();
  assert.equal(await readyz(), 200);
  const first = await Promise.all(Array.from({ length: 8 }, () => sendReferral(server.url, apiKeyOfTest, make())));
  assert.deepEqual(first.map((i) => i.status), Array(8).fill(201), first.map((i) => i.text).join('\n'));
}, { timeout: 120_000 });

// A frozen PostgreSQL (every process stopped, as on a hung host) answers nothing, yet its
// connections stay open: requests must still be answered, with 503 once the statement time limit
// passes, never held until the client gives up; thawed, the server goes on by itself.
test(`a frozen PostgreSQL: 503 within the statement limit, then served again (seed ${seed})`, async () => {
  assert.ok(apiKeyOfTest, 'runs after the tests above');
  const make = referralMaker(random, `OUTAGE-${seed}-frozen`);
  const load = startReferralLoad({ url: server.url, apiKey: apiKeyOfTest, make, connections: 8, timeoutMs: ANSWER_WITHIN_MS * 2, pauseAfterFailureMs: 20 });
  let frozenAt;
  try {
    await until(() => load.answered(201).length >= 20, 30_000, 'no 20 creates before the freeze');
    cluster.freeze();
    frozenAt = Date.now();
    await until(() => load.sent.some((i) => i.status === 503 && i.startedAt > frozenAt), ANSWER_WITHIN_MS, 'no 503 while frozen');
    const ready = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    assert.equal(ready.status, 503, 'not ready while the database is frozen');
    // Long enough for every connection of the pool to have waited out the limit.
    await new Promise((resolve) => setTimeout(resolve, STATEMENT_TIMEOUT_SECONDS * 1000 * 2));
  } finally {
    cluster.thaw();
  }
  try {
    const back = Date.now();
    await until(() => load.sent.filter((i) => i.status === 201 && i.startedAt > back).length >= 20, BACK_WITHIN_MS, 'no 20 creates after the thaw');
  } finally {
    await load.stop();
  }
  assertEachAnswered(load.sent, 'frozen');
  await resendEach503(load.sent, apiKeyOfTest);
  const read = postgresRows(cluster.url);
  assert.deepEqual(halfWritten(readStore(read)), [], `[seed ${seed}] half-written after the freeze`);
}, { timeout: 180_000 });
