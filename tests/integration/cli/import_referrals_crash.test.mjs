// Crash safety of the bulk import: `import-referrals` is killed with kill -9 at random points of a
// feed (VG_CRASH_IMPORT_KILLS times, 6 unless set), each time after a random number of its
// progress reports and a random moment more, with a random batch size. After each kill every row
// the import had reported as stored is there and as sent, nothing is half-written
// (store_invariants.mjs) and the audit chain verifies; then the import runs to the end, and again,
// and recognises every row already stored as a duplicate: none lost, none stored twice. Seeded:
// VG_CRASH_SEED replays a failure. On the database VG_TEST_POSTGRES_URL names when it is set
// (tests/CMakeLists.txt), else on a fresh SQLite file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { policeExamples } from '../../support/referral_load.mjs';
import { seededRandom, seedFrom } from '../../support/seeded_random.mjs';
import { binary, vg } from '../../support/server.mjs';
import { halfWritten, postgresRows, readStore, sqliteRows } from '../../support/store_invariants.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const KILLS = Number(process.env.VG_CRASH_IMPORT_KILLS || 6);
// Enough rows that every kill lands midway: a round moves the frontier on by at most four
// batches of 200 and what a 40 ms jitter stores, well under 1,200 rows.
const ROWS = Math.max(6000, KILLS * 1200);
const seed = seedFrom('VG_CRASH_SEED');
const random = seededRandom(seed);
const dir = mkdtempSync(path.join(tmpdir(), 'vg-import-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PROGRESS = /(\d+) lines read: (\d+) accepted, (\d+) duplicates, (\d+) rejected/g;

function summary(stdout) {
  const m = stdout.match(/(\d+) rows, (\d+) accepted, (\d+) duplicates, (\d+) rejected/);
  assert.ok(m, stdout);
  return { rows: +m[1], accepted: +m[2], duplicates: +m[3], rejected: +m[4] };
}

// Runs the import with `batch` rows a transaction, killed once it has made `reports` progress
// reports and `jitterMs` more have passed (or not at all, if it ends first). The rows it
// reported as stored: every batch reported is stored, in file order.
async function importKilled(env, file, { batch, reports, jitterMs }) {
  const child = spawn(binary, ['import-referrals', file, '--org', POLICE_ORG, '--batch', String(batch), '--progress'],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let killing = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (!killing && [...stderr.matchAll(PROGRESS)].length >= reports) {
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), jitterMs);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const outcome = await exited;
  clearTimeout(timer);
  const last = [...stderr.matchAll(PROGRESS)].at(-1);
  const reported = last ? Number(last[2]) + Number(last[3]) + Number(last[4]) : 0;
  return { ...outcome, reported, stderr };
}

test(`rows an import reported as stored survive ${KILLS} kills -9 of it, and a re-run stores each row once (seed ${seed}; VG_CRASH_SEED replays)`, async () => {
  console.log(`import crash safety: seed ${seed}; set VG_CRASH_SEED=${seed} to replay these kills`);
  const postgres = process.env.VG_TEST_POSTGRES_URL;
  const env = {
    VG_DATABASE_URL: postgres || `sqlite:${path.join(dir, 'vg.db')}`,
    VG_LOG_LEVEL: 'warn',
    ...(postgres ? { VG_AUDIT_HEAD: path.join(dir, 'audit-head') } : {}),
  };
  const read = postgres ? postgresRows(postgres) : sqliteRows(path.join(dir, 'vg.db'));
  vg(['migrate'], env);
  vg(['demo-data'], env);

  const examples = policeExamples();
  const rows = Array.from({ length: ROWS }, (_, i) => ({ ...random.pick(examples), crime_reference: `FEED-${seed}-${i + 1}` }));
  const file = path.join(dir, 'feed.jsonl');
  writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);

  let frontier = 0;  // the most rows any run reported as stored
  for (let round = 1; round <= KILLS; round += 1) {
    const batch = random.between(20, 200);
    // Past what earlier runs stored, so each kill lands among rows not yet stored.
    const reports = Math.ceil(frontier / batch) + random.between(1, 4);
    const jitterMs = random.between(0, 40);
    const run = await importKilled(env, file, { batch, reports, jitterMs });
    console.log(`round ${round}: batch ${batch}, killed after ${reports} reports + ${jitterMs} ms `
      + `(${run.signal ?? `exit ${run.code}`}); ${run.reported} rows reported stored`);
    assert.ok(run.signal === 'SIGKILL' || run.code === 0, `[seed ${seed}] the import failed: ${run.stderr}`);
    frontier = Math.max(frontier, run.reported);

    const store = readStore(read);
    assert.deepEqual(halfWritten(store), [], `[seed ${seed}] round ${round}: half-written`);
    const byCrime = new Map([...store.referrals.values()].map((r) => [r.crime_reference, r]));
    for (const row of rows.slice(0, run.reported)) {
      const stored = byCrime.get(row.crime_reference.toLowerCase());  // stored folded
      assert.ok(stored, `[seed ${seed}] ${row.crime_reference} was reported stored and is not`);
      assert.deepEqual(JSON.parse(stored.document), row, `[seed ${seed}] ${row.crime_reference} is stored otherwise than sent`);
    }
    const audit = spawnSync(binary, ['verify-audit'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(audit.status, 0, `[seed ${seed}] round ${round}: ${audit.stdout}${audit.stderr}`);
  }
  assert.ok(frontier > 0 && frontier < ROWS, `[seed ${seed}] the kills fell midway (${frontier} of ${ROWS} stored)`);

  const finish = spawnSync(binary, ['import-referrals', file, '--org', POLICE_ORG], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  assert.equal(finish.status, 0, finish.stdout + finish.stderr);
  const finished = summary(finish.stdout);
  assert.equal(finished.rows, ROWS);
  assert.equal(finished.rejected, 0);
  assert.equal(finished.accepted + finished.duplicates, ROWS);
  assert.ok(finished.duplicates >= frontier, `[seed ${seed}] ${finished.duplicates} recognised as stored, ${frontier} were reported`);
  const again = spawnSync(binary, ['import-referrals', file, '--org', POLICE_ORG], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  assert.deepEqual(summary(again.stdout), { rows: ROWS, accepted: 0, duplicates: ROWS, rejected: 0 });

  assert.deepEqual(halfWritten(readStore(read)), [], `[seed ${seed}] half-written at the end`);
  const feed = read(`SELECT crime_reference, COUNT(*) AS n FROM referrals WHERE crime_reference LIKE 'feed-${seed}-%' GROUP BY crime_reference`);
  assert.equal(feed.length, ROWS, `[seed ${seed}] every row stored`);
  assert.deepEqual(feed.filter((r) => Number(r.n) !== 1), [], `[seed ${seed}] stored twice`);
}, { timeout: 600_000 });
