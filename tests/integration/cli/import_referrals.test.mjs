// `victim-gateway import-referrals`: a police bulk feed as CSV and as JSON Lines with good and bad
// rows, a re-run that adds nothing, and a run killed midway (kill -9) whose re-run loses and
// duplicates nothing. Runs against the database VG_DATABASE_URL names when it is PostgreSQL
// (tests/integration/run_with_postgres.sh) and a fresh SQLite file otherwise.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, vg } from '../../support/server.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';
const HEADER = 'channel,area,reported_to_police,police_force_code,crime_reference,incident_date,date_reported,offence_category,domestic_abuse,local_authority,victim_type,victim_name,victim_age,consent_basis,consent_captured_by,consent_captured_at,consent_method';
let dir;
let env;

function row(i, overrides = {}) {
  const r = {
    channel: 'police', area: 'merseyside', reported_to_police: 'yes', police_force_code: 'E23000004',
    crime_reference: `FEED-${i}`, incident_date: '2026-11-20', date_reported: '2026-11-21',
    offence_category: 'burglary_residential', domestic_abuse: 'no', local_authority: 'E08000012',
    victim_type: 'person', victim_name: `Invented Feed Person ${i}`, victim_age: '40',
    consent_basis: 'explicit_consent', consent_captured_by: 'police:E23000004',
    consent_captured_at: '2026-11-21T10:00:00Z', consent_method: 'police_form', ...overrides,
  };
  return HEADER.split(',').map((k) => r[k]).join(',');
}

function run(file, extra = []) {
  const r = spawnSync(binary, ['import-referrals', file, '--org', POLICE_ORG, ...extra], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  return r;
}

function summary(stdout) {
  const m = stdout.match(/(\d+) rows, (\d+) accepted, (\d+) duplicates, (\d+) rejected/);
  assert.ok(m, stdout);
  return { rows: +m[1], accepted: +m[2], duplicates: +m[3], rejected: +m[4] };
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vg-import-'));
  const url = process.env.VG_TEST_POSTGRES_URL || `sqlite:${path.join(dir, 'vg.db')}`;
  env = { VG_DATABASE_URL: url, VG_LOG_LEVEL: 'warn' };
  vg(['migrate'], env);
  vg(['demo-data'], env);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('import-referrals', () => {
  test('CSV with good and bad rows: valid ones stored, bad ones in the rejects file by line and field', () => {
    const file = path.join(dir, 'feed.csv');
    const lines = [HEADER];
    for (let i = 1; i <= 5; i += 1) lines.push(row(`csv-${i}`));
    lines.push(row('csv-bad-date', { incident_date: '31/12/2025' }));       // line 7
    lines.push(row('csv-bad-bool', { domestic_abuse: 'perhaps' }));         // line 8
    lines.push(row('csv-no-ref', { crime_reference: '' }));                 // line 9
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(file);
    assert.equal(r.status, 3, r.stderr);
    assert.deepEqual(summary(r.stdout), { rows: 8, accepted: 5, duplicates: 0, rejected: 3 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    assert.match(rejects, /^line,field,code,reason/);
    assert.match(rejects, /\n7,"incident_date","format"/);
    assert.match(rejects, /\n8,"domestic_abuse","type"/);
    assert.match(rejects, /\n9,"crime_reference"/);
    assert.ok(!rejects.includes('Invented Feed Person'), 'rejects name the field, never the victim');

    const again = run(file);
    assert.deepEqual(summary(again.stdout), { rows: 8, accepted: 0, duplicates: 5, rejected: 3 });
  });

  test('JSON Lines works the same way', () => {
    const file = path.join(dir, 'feed.jsonl');
    const base = (i) => ({
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: `JSONL-${i}`, date_reported: '2026-11-21', local_authority: 'E08000012',
      victim: { type: 'person', name: `Invented JSONL Person ${i}`, age: 30 },
    });
    const lines = [1, 2, 3].map((i) => JSON.stringify(base(i)));
    lines.push('{"channel": "police", "colour": "blue"}');
    lines.push('not json at all');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(file);
    assert.deepEqual(summary(r.stdout), { rows: 5, accepted: 3, duplicates: 0, rejected: 2 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    assert.match(rejects, /\n4,"\$\.colour","unknown"/);
    assert.match(rejects, /\n5,"\$","json"/);
  });

  test('a force imports only its own referrals: another force\'s code or area is refused by line and field', () => {
    const file = path.join(dir, 'other-force.jsonl');
    const base = (i) => ({
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: `OTHER-FORCE-${i}`, date_reported: '2026-11-21', local_authority: 'E08000012',
      victim: { type: 'person', name: `Invented Planted Person ${i}`, age: 30 },
    });
    const lines = [
      JSON.stringify(base(1)),
      JSON.stringify({ ...base(2), police_force_code: 'E23000015' }),
      JSON.stringify({ ...base(3), area: 'staffordshire', police_force_code: 'E23000015', local_authority: 'E07000197' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(file);
    assert.deepEqual(summary(r.stdout), { rows: 3, accepted: 1, duplicates: 0, rejected: 2 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    assert.match(rejects, /\n2,"\$\.police_force_code","not_permitted"/);
    assert.match(rejects, /\n3,"\$\.police_force_code","not_permitted"/);
    assert.match(rejects, /\n3,"\$\.area","not_permitted"/);
  });

  test('a feed comes only from a police force: --org of a partner exits 2 and stores nothing', () => {
    const file = path.join(dir, 'partner.csv');
    writeFileSync(file, `${HEADER}\n${row('partner-1')}\n`);
    const r = spawnSync(binary, ['import-referrals', file, '--org', '7a1c0e52-3d4b-4c1e-9f00-000000000004'],
      { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--org: a bulk feed comes from a police force/);
  });

  test('an unknown column in the header is bad input (exit 2) naming the column, and stores nothing of the file', () => {
    const file = path.join(dir, 'misspelt.csv');
    writeFileSync(file, `${HEADER.replace('victim_name', 'victim_nmae')}\n${row('misspelt-1')}\n`);
    const r = run(file);
    assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /"victim_nmae" is not a referral feed column/);
    assert.doesNotMatch(r.stderr, /database/i);
    // The row under the bad header was never read, so a fixed header imports it.
    writeFileSync(file, `${HEADER}\n${row('misspelt-1')}\n`);
    assert.deepEqual(summary(run(file).stdout), { rows: 1, accepted: 1, duplicates: 0, rejected: 0 });
  });

  test('a run killed midway, then run again, loses nothing and duplicates nothing', async () => {
    const file = path.join(dir, 'big.csv');
    const n = 20000;
    const lines = [HEADER];
    for (let i = 1; i <= n; i += 1) lines.push(row(`big-${i}`));
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Killed as soon as it reports its first stored batch: certainly midway, on any machine.
    const child = spawn(binary, ['import-referrals', file, '--org', POLICE_ORG, '--batch', '50', '--progress'],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no progress within 60 s')), 60_000);
      child.stderr.on('data', (chunk) => {
        const m = String(chunk).match(/(\d+) accepted/);
        if (m && Number(m[1]) > 0) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await exited;
    const second = summary(run(file).stdout);
    assert.equal(second.rows, n);
    assert.equal(second.rejected, 0);
    assert.equal(second.accepted + second.duplicates, n);
    assert.ok(second.duplicates > 0 && second.duplicates < n, `the first run was stopped midway (${second.duplicates} of ${n} already stored)`);
    const third = summary(run(file).stdout);
    assert.deepEqual(third, { rows: n, accepted: 0, duplicates: n, rejected: 0 });
  });
});
