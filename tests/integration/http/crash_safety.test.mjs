// Crash safety of referral creates: many connections send referrals while the server is killed
// with kill -9 at random moments (VG_CRASH_KILLS times, 20 unless set), and restarted on the same
// SQLite database each time. After each restart: the server started by itself, without error;
// every referral answered 201 is there and as sent (through the API: its progress, and a
// replay or duplicate answered with the same referral; in the store: the very body sent);
// nothing is half-written (store_invariants.mjs) and the audit chain verifies; a referral sent
// but never answered, sent again as a client would, is stored once. The randomness is seeded: a
// failure names its seed, and VG_CRASH_SEED=that replays the same kills.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { startReferralLoad, referralMaker, sendReferral } from '../../support/referral_load.mjs';
import { seededRandom, seedFrom } from '../../support/seeded_random.mjs';
import { binary, logEntries, sqliteFile, startServer, vg } from '../../support/server.mjs';
import { halfWritten, readStore, sqliteRows } from '../../support/store_invariants.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const KILLS = Number(process.env.VG_CRASH_KILLS || 20);
const CONNECTIONS = 24;
const seed = seedFrom('VG_CRASH_SEED');
const random = seededRandom(seed);
const servers = [];  // every server started; the first one's folder holds the database
after(async () => { for (const s of servers.reverse()) await s.stop(); });

// `fn` over `items`, `width` at a time.
async function eachInParallel(items, width, fn) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

// A server that already ended by itself is a failure to report, not one to kill: its 'exit' has
// fired and will not again, and waiting for it would leave the test pending forever.
async function kill(server, round) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) {
    const last = logEntries(server).slice(-5).map((e) => JSON.stringify(e)).join('\n');
    assert.fail(`[seed ${seed}] round ${round}: the server ended by itself before the kill `
      + `(exit ${child.exitCode}, signal ${child.signalCode}); its last log lines:\n${last}`);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

// Starts `serve` on the database as the kill left it (no migrate or anything else first).
async function restart(databaseUrl) {
  const started = Date.now();
  const server = await startServer({ databaseUrl, demo: false, migrate: false });
  servers.push(server);
  const errors = logEntries(server).filter((e) => e.level === 'error' || e.level === 'critical');
  assert.deepEqual(errors, [], `[seed ${seed}] the server logged errors while starting`);
  return { server, ms: Date.now() - started };
}

// What the API says of an acknowledged referral: its progress, and a repeat of its create
// answered with the same referral (a replay of the key, or the sender's own duplicate).
async function confirmThroughApi(url, apiKey, item) {
  const ack = JSON.parse(item.ack);
  const res = await fetch(`${url}/api/v1/referrals/${ack.id}`, { headers: { authorization: `Bearer ${apiKey}` } });
  const status = await res.json();
  assert.equal(res.status, 200, `[seed ${seed}] ${ack.reference} was answered 201 and is gone`);
  assert.equal(status.reference, ack.reference);
  assert.equal(status.received_at, ack.received_at);
  const again = await sendReferral(url, apiKey, { ...item });
  const answer = JSON.parse(again.text);
  if (item.idempotencyKey) {
    assert.equal(again.status, 201, `[seed ${seed}] replay of ${ack.reference}: ${again.text}`);
    assert.deepEqual(answer, ack);
  } else {
    assert.equal(again.status, 200, `[seed ${seed}] duplicate of ${ack.reference}: ${again.text}`);
    assert.equal(answer.status, 'duplicate');
    assert.equal(answer.id, ack.id);
  }
}

test(`referrals answered 201 survive ${KILLS} kills -9 amid ${CONNECTIONS} connections (seed ${seed}; VG_CRASH_SEED replays)`, async () => {
  console.log(`crash safety: seed ${seed}; set VG_CRASH_SEED=${seed} to replay these kills`);
  let server = await startServer();
  servers.push(server);
  const databaseUrl = server.env.VG_DATABASE_URL;
  const read = sqliteRows(sqliteFile(server));
  const apiKey = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'crash safety'], server.env).stdout.trim().split('\n').at(-1).trim();
  const acknowledged = [];  // every item answered 201, with its answer as `ack`
  let unanswered = 0;
  for (let round = 1; round <= KILLS; round += 1) {
    const load = startReferralLoad({ url: server.url, apiKey, make: referralMaker(random, `CRASH-${seed}-${round}`), connections: CONNECTIONS });
    const killAfterMs = random.between(0, 1000);
    await new Promise((resolve) => setTimeout(resolve, killAfterMs));
    await kill(server, round);
    await load.stop();
    const answered = load.sent.filter((i) => i.status !== 0);
    for (const i of answered) assert.equal(i.status, 201, `[seed ${seed}] round ${round}: ${i.status} ${i.text}`);
    for (const i of answered) acknowledged.push(Object.assign(i, { ack: i.text }));
    const lost = load.sent.filter((i) => i.status === 0);
    unanswered += lost.length;

    const restarted = await restart(databaseUrl);
    server = restarted.server;
    console.log(`round ${round}: killed after ${killAfterMs} ms, ${answered.length} answered 201, `
      + `${lost.length} unanswered; restarted cleanly in ${restarted.ms} ms`);

    // The store as the kill left it, before anything else writes.
    const store = readStore(read);
    assert.deepEqual(halfWritten(store), [], `[seed ${seed}] round ${round}: half-written`);
    for (const item of acknowledged) {
      const ack = JSON.parse(item.ack);
      const row = store.referrals.get(ack.id);
      assert.ok(row, `[seed ${seed}] ${ack.reference} was answered 201 and is not stored`);
      assert.equal(row.reference, ack.reference);
      assert.equal(row.document, item.body, `[seed ${seed}] ${ack.reference} is stored otherwise than sent`);
    }
    const audit = spawnSync(binary, ['verify-audit'], { env: { ...process.env, ...server.env }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(audit.status, 0, `[seed ${seed}] round ${round}: ${audit.stdout}${audit.stderr}`);

    await eachInParallel(answered, 16, (item) => confirmThroughApi(server.url, apiKey, item));
    // Sent but never answered: the client sends it again and it is stored once, whether or not
    // the first attempt had been committed.
    await eachInParallel(lost, 16, async (item) => {
      const again = await sendReferral(server.url, apiKey, { ...item });
      const expected = item.idempotencyKey ? [201] : [201, 200];
      assert.ok(expected.includes(again.status), `[seed ${seed}] resent ${item.crimeReference}: ${again.status} ${again.text}`);
      acknowledged.push(Object.assign(item, { ack: again.text }));
    });
  }
  // Each crime reference once, however often it was sent.
  const references = read("SELECT crime_reference, COUNT(*) AS n FROM referrals WHERE crime_reference LIKE 'crash-%' GROUP BY crime_reference HAVING COUNT(*) > 1");
  assert.deepEqual(references, [], `[seed ${seed}] stored twice`);
  assert.ok(acknowledged.length > KILLS, `[seed ${seed}] only ${acknowledged.length} referrals were answered 201`);
  console.log(`crash safety: ${KILLS} kills, ${acknowledged.length} referrals acknowledged (${unanswered} resent after no answer), 0 lost`);
}, { timeout: 600_000 });
