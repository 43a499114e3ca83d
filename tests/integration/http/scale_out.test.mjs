// Scale-out as docs/operations.md deploys it: two `serve` processes on one PostgreSQL behind
// HAProxy running the repository's own deploy/haproxy.cfg. Requests through the balancer reach
// both processes and each referral is stored once (an idempotent resend to the other process
// gets the first answer); a person signed in through the balancer stays signed in whichever
// process answers; background jobs queued for both processes run once each; and when one process
// is killed (SIGKILL) under load, the other goes on serving, every 201 is stored as sent, each
// request the dead process took with it is answered with problem+json and, sent again, stored
// once, and the process restarted is taken back into rotation. Starts its own throwaway
// PostgreSQL cluster and HAProxy on loopback ports. Seeded like the kill tests (VG_CRASH_SEED).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Browser, signedInBrowser } from '../../support/browser.mjs';
import { freePort } from '../../support/free_port.mjs';
import { healthChecksAnswered, startLoadBalancer, untilInRotation } from '../../support/load_balancer.mjs';
import { startPostgresCluster } from '../../support/postgres_cluster.mjs';
import { referralMaker, sendReferral, startReferralLoad } from '../../support/referral_load.mjs';
import { seededRandom, seedFrom } from '../../support/seeded_random.mjs';
import { logEntries, logsCaughtUp, startServer, vg } from '../../support/server.mjs';
import { halfWritten, postgresRows, readStore } from '../../support/store_invariants.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const seed = seedFrom('VG_CRASH_SEED');
const random = seededRandom(seed);
const dir = mkdtempSync(path.join(tmpdir(), 'vg-scale-out-'));

let cluster;
let balancer;
let read;
let apiKey;
const servers = [];   // [process 1, process 2]; a restarted one replaces its entry
const listens = [];   // their fixed addresses, as the balancer's configuration names them
let common;           // what both processes are started with

// Starts process `i` (0 or 1) on its address; the first also migrates and loads the demo data.
async function startProcess(i, first = false) {
  servers[i] = await startServer({
    databaseUrl: cluster.url, migrate: first, demo: first,
    env: { ...common, VG_LISTEN: listens[i] },
  });
}

before(async () => {
  cluster = await startPostgresCluster();
  read = postgresRows(cluster.url);
  listens.push(`127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`);
  common = {
    VG_TRUSTED_PROXIES: '127.0.0.1/32',            // the balancer
    VG_ADDRESS_KEY: 'an-invented-address-key-for-the-scale-out-test',
    VG_AUDIT_HEAD: path.join(dir, 'audit-head'),
    VG_LOG_LEVEL: 'info',                          // the access log says which process answered
    VG_JOBS_POLL_SECONDS: '1',
  };
  await startProcess(0, true);
  await startProcess(1);
  balancer = await startLoadBalancer(listens);
  await untilInRotation(servers);
  apiKey = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'scale-out'], servers[0].env)
    .stdout.trim().split('\n').at(-1).trim();
});

after(async () => {
  await balancer?.stop();
  for (const s of servers) await s?.stop();
  await cluster?.remove();
  rmSync(dir, { recursive: true, force: true });
});

// How many requests to `route` process `server` has logged (its own access log).
const answered = (server, route, method = 'POST') =>
  logEntries(server).filter((e) => e.msg === 'request' && e.route === route && e.method === method).length;

const storedTimes = (crimeReference) =>
  Number(read(`SELECT COUNT(*) AS n FROM referrals WHERE crime_reference = '${crimeReference.toLowerCase()}'`)[0].n);

async function until(ready, ms, what) {
  for (const deadline = Date.now() + ms; !(await ready());) {
    if (Date.now() > deadline) throw new Error(`[seed ${seed}] ${what} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('requests through the balancer reach both processes and each referral is stored once', async () => {
  const make = referralMaker(random, `SCALE-${seed}-A`);
  const before = servers.map((s) => answered(s, '/api/v1/referrals'));
  const items = [];
  for (let n = 0; n < 20; n += 1) items.push(await sendReferral(balancer.url, apiKey, make()));
  for (const item of items) {
    assert.equal(item.status, 201, item.text);
    assert.equal(storedTimes(item.crimeReference), 1, `${item.crimeReference} stored once`);
  }
  const served = servers.map((s, i) => answered(s, '/api/v1/referrals') - before[i]);
  assert.equal(served[0] + served[1], 20, `each request logged by one process: ${served}`);
  assert.ok(served.every((n) => n >= 5), `round robin shares the requests: ${served}`);

  // A client whose answer was lost sends the same request again; this time another process takes
  // it, and answers with the referral the first one made.
  const item = make();
  item.idempotencyKey = `scale-out-${seed}-${randomUUID()}`;
  const first = JSON.parse((await sendReferral(`http://${listens[0]}`, apiKey, { ...item })).text);
  const again = await sendReferral(`http://${listens[1]}`, apiKey, { ...item });
  assert.equal(again.status, 201, again.text);
  assert.equal(JSON.parse(again.text).id, first.id, 'the same referral, from the other process');
  assert.equal(storedTimes(item.crimeReference), 1);
});

test('a person signed in through the balancer stays signed in whichever process answers', async () => {
  const browser = await signedInBrowser(balancer.url, ...ADVISOR);
  const before = servers.map((s) => answered(s, '/staff', 'GET'));
  for (let n = 0; n < 10; n += 1) {
    const page = await browser.get('/staff');
    assert.equal(page.status, 200, `request ${n} was not signed in`);
  }
  const served = servers.map((s, i) => answered(s, '/staff', 'GET') - before[i]);
  assert.ok(served.every((n) => n >= 3), `both processes answered the signed-in pages: ${served}`);

  // And nobody else: a browser without the cookie is sent to sign in, from either process.
  const stranger = new Browser(balancer.url);
  for (let n = 0; n < 4; n += 1) assert.equal((await stranger.get('/staff')).status, 303);
});

test('/metrics is refused at the balancer, in the servers\' error format', async () => {
  const res = await fetch(`${balancer.url}/metrics`);
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(JSON.parse(await res.text()).status, 403);
});

test('background jobs queued for both processes each run once', async () => {
  // Jobs of the deadline-breach kind (harmless to run any number of times, so only the log can
  // tell how often each ran), due now, for both processes' runners to race for.
  const ids = Array.from({ length: 30 }, () => randomUUID());
  const due = '2000-01-01T00:00:00.000000000Z';
  const values = ids.map((id) => `('${id}', 'casework.deadline_breaches', '{}', 'scale-out-test:${id}', 'queued', 0, 3, '${due}', '${due}', '${due}')`);
  const insert = spawnSync('psql', [cluster.url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c',
    `INSERT INTO jobs (id, kind, payload, dedupe_key, status, attempts, max_attempts, run_after, created_at, updated_at) VALUES ${values.join(',')}`],
  { encoding: 'utf8', timeout: 60_000 });
  assert.equal(insert.status, 0, insert.stderr);

  const quoted = ids.map((id) => `'${id}'`).join(',');
  await until(() => Number(read(`SELECT COUNT(*) AS n FROM jobs WHERE id IN (${quoted}) AND status = 'done'`)[0].n) === ids.length,
    30_000, 'the jobs were not all done');
  // Each run is logged once its outcome is recorded; the lines reach this process a moment later.
  const logged = (id) => servers.some((s) => logEntries(s).some((e) => e.msg === 'job' && e.job_id === id));
  await until(() => ids.every(logged), 10_000, 'a job\'s run was not logged');
  for (const s of servers) await logsCaughtUp(s);
  const runs = new Map(ids.map((id) => [id, []]));
  servers.forEach((s, process) => {
    for (const e of logEntries(s)) if (e.msg === 'job' && runs.has(e.job_id)) runs.get(e.job_id).push({ process, ...e });
  });
  for (const [id, ran] of runs) {
    assert.equal(ran.length, 1, `job ${id} ran ${ran.length} times: ${JSON.stringify(ran)}`);
    assert.equal(ran[0].outcome, 'done');
    assert.equal(ran[0].attempts, 1);
  }
  const attempts = read(`SELECT attempts FROM jobs WHERE id IN (${quoted}) AND attempts <> 1`);
  assert.deepEqual(attempts, [], 'every job was claimed once');
  console.log(`jobs run by process 1: ${[...runs.values()].filter((r) => r[0].process === 0).length}, by process 2: ${[...runs.values()].filter((r) => r[0].process === 1).length}`);
});

test(`a process killed under load: the other serves on, every 201 kept, the rest sent again once (seed ${seed})`, async () => {
  const load = startReferralLoad({
    url: balancer.url, apiKey, make: referralMaker(random, `SCALE-${seed}-KILL`), connections: 8,
    timeoutMs: 20_000, pauseAfterFailureMs: 20,
  });
  let killedAt;
  try {
    await until(() => load.answered(201).length >= 40, 30_000, 'no 40 creates before the kill');
    const victim = servers[0];
    const exited = new Promise((resolve) => victim.child.once('exit', resolve));
    victim.child.kill('SIGKILL');
    await exited;
    killedAt = Date.now();
    // The balancer finds it gone and sends everything to the other process.
    await until(() => load.sent.filter((i) => i.status === 201 && i.startedAt > killedAt + 3_000).length >= 40, 30_000,
      'no 40 creates through the balancer after the kill');
  } finally {
    await load.stop();
  }
  const failed = load.sent.filter((i) => i.status !== 201);
  for (const i of failed) {
    // Only what the dead process held when it died: 502 from the balancer, in problem+json; or,
    // for a request that came on a kept-alive connection, that connection closed with no answer,
    // which tells an HTTP client it may send the request again (RFC 9112, 9.3.1).
    if (i.status === 0) {
      assert.equal(i.error, 'UND_ERR_SOCKET', `[seed ${seed}] ${i.crimeReference}: no answer (${i.error})`);
    } else {
      assert.ok([502, 503, 504].includes(i.status), `[seed ${seed}] ${i.crimeReference}: ${i.status} ${i.text}`);
      assert.match(i.contentType, /^application\/problem\+json/);
    }
    assert.ok(i.startedAt <= killedAt, `[seed ${seed}] a request sent ${i.startedAt - killedAt} ms after the kill failed`);
  }
  console.log(`kill: ${load.answered(201).length} answered 201, ${failed.length} lost with the process`);

  const store = readStore(read);
  assert.deepEqual(halfWritten(store), [], `[seed ${seed}] half-written`);
  for (const item of load.answered(201)) {
    const ack = JSON.parse(item.text);
    assert.equal(store.referrals.get(ack.id)?.document, item.body, `[seed ${seed}] ${ack.reference} answered 201, not stored as sent`);
  }
  for (const item of failed) {
    const again = await sendReferral(balancer.url, apiKey, { ...item });
    const expected = item.idempotencyKey ? [201] : [201, 200];
    assert.ok(expected.includes(again.status), `[seed ${seed}] resent ${item.crimeReference}: ${again.status} ${again.text}`);
  }
  const twice = read(`SELECT crime_reference, COUNT(*) AS n FROM referrals WHERE crime_reference LIKE 'scale-${seed}-kill-%' GROUP BY crime_reference HAVING COUNT(*) > 1`);
  assert.deepEqual(twice, [], `[seed ${seed}] stored twice`);

  // Restarted, the process is health-checked back into rotation and serves again.
  await startProcess(0);
  await until(() => healthChecksAnswered(servers[0]) >= 3, 15_000, 'the restarted process was not checked');
  const make = referralMaker(random, `SCALE-${seed}-BACK`);
  for (let n = 0; n < 8; n += 1) assert.equal((await sendReferral(balancer.url, apiKey, make())).status, 201);
  assert.ok(answered(servers[0], '/api/v1/referrals') >= 2, 'the restarted process takes requests again');
});
