// `victim-gateway import-referrals` refuses the bad input an outside trial got stored through the
// API (issue 10, items 4–8), in both feed formats: each row in the rejects file by line and field
// (the column for CSV, the JSON path for JSON Lines), and none of it stored. `route --explain`
// reads its file the same way.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, vg } from '../../support/server.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';
const HEADER = 'channel,area,reported_to_police,police_force_code,crime_reference,date_reported,offence_category,local_authority,postcode,victim_type,victim_name,victim_age,account';
let dir;
let env;

function row(i, overrides = {}) {
  const r = {
    channel: 'police', area: 'merseyside', reported_to_police: 'yes', police_force_code: 'E23000004',
    crime_reference: `BADFEED-${i}`, date_reported: '2026-11-21', offence_category: 'burglary_residential',
    local_authority: 'E08000012', postcode: 'L1 8JQ', victim_type: 'person',
    victim_name: `Invented Feed Person ${i}`, victim_age: '40', account: 'Invented account', ...overrides,
  };
  return HEADER.split(',').map((k) => r[k]).join(',');
}

function run(file) {
  return spawnSync(binary, ['import-referrals', file, '--org', POLICE_ORG],
    { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
}

function summary(stdout) {
  const m = stdout.match(/(\d+) rows, (\d+) accepted, (\d+) duplicates, (\d+) rejected/);
  assert.ok(m, stdout);
  return { rows: +m[1], accepted: +m[2], duplicates: +m[3], rejected: +m[4] };
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vg-import-input-'));
  env = { VG_DATABASE_URL: `sqlite:${path.join(dir, 'vg.db')}`, VG_LOG_LEVEL: 'warn' };
  vg(['migrate'], env);
  vg(['demo-data'], env);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('import-referrals refuses bad input by line and field', () => {
  test('CSV: another area\'s or an unknown local authority, a bad postcode, control characters', () => {
    const file = path.join(dir, 'feed.csv');
    const lines = [HEADER, row('good')];
    lines.push(row('other-area', { local_authority: 'E08000003' }));   // line 3
    lines.push(row('unknown-la', { local_authority: 'E08999999' }));   // line 4
    lines.push(row('postcode', { postcode: 'L1 1AAAA' }));             // line 5
    lines.push(row('nul', { victim_name: 'Invented\u0000Person' }));   // line 6
    lines.push(row('bidi', { account: 'Invented \u202Eaccount' }));    // line 7
    lines.push(row('no-area', { area: '', victim_name: '', postcode: 'L1 1AAAA' }));  // line 8
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(file);
    assert.equal(r.status, 3, r.stderr);
    assert.deepEqual(summary(r.stdout), { rows: 7, accepted: 1, duplicates: 0, rejected: 6 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    assert.match(rejects, /\n3,"local_authority","not_in_area"/);
    assert.match(rejects, /\n4,"local_authority","unknown"/);
    assert.match(rejects, /\n5,"postcode","malformed"/);
    assert.match(rejects, /\n6,"victim_name","control_character"/);
    assert.match(rejects, /\n7,"account","control_character"/);
    // Every error of the row without an area at once.
    assert.match(rejects, /\n8,"area","required"/);
    assert.match(rejects, /\n8,"victim_name","required"/);
    assert.match(rejects, /\n8,"postcode","malformed"/);
  });

  test('JSON Lines: a member named twice in one object is refused with its path', () => {
    const file = path.join(dir, 'feed.jsonl');
    const base = {
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: 'DUPKEY-1', date_reported: '2026-11-21', local_authority: 'E08000012',
      victim: { type: 'person', name: 'Invented JSONL Person', age: 30 },
    };
    const text = JSON.stringify(base);
    const lines = [
      text.replace('{', '{"crime_reference":"PLANTED-1",'),
      text.replace('"victim":{', '"victim":{"age":31,').replace('DUPKEY-1', 'DUPKEY-2'),
      JSON.stringify({ ...base, crime_reference: 'DUPKEY-3', victim: { ...base.victim, name: 'Invented\u202EPerson' } }),
      JSON.stringify({ ...base, crime_reference: 'DUPKEY-4' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(file);
    assert.deepEqual(summary(r.stdout), { rows: 4, accepted: 1, duplicates: 0, rejected: 3 });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    assert.match(rejects, /\n1,"\$\.crime_reference","duplicate"/);
    assert.match(rejects, /\n2,"\$\.victim\.age","duplicate"/);
    assert.match(rejects, /\n3,"\$\.victim\.name","control_character"/);
  });
});

describe('route --explain reads its file as the API reads a body', () => {
  test('a member named twice is refused with its path, not read as the last one', () => {
    const file = path.join(dir, 'twice.json');
    const referral = JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: 'ROUTE-1', local_authority: 'E08000012', victim: { type: 'person', name: 'Invented Person', age: 30 },
    });
    writeFileSync(file, `{"referral": ${referral.replace('{', '{"local_authority": "E08000003", ')}}`);
    const r = spawnSync(binary, ['route', '--area', 'merseyside', '--explain', file], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, r.stderr);
    const problem = JSON.parse(r.stdout);
    assert.ok(problem.errors.some((e) => e.field === '$.referral.local_authority' && e.code === 'duplicate'), r.stdout);
  });
});
