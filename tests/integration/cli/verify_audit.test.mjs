// `victim-gateway verify-audit` on a real SQLite database tampered with from outside, as someone
// holding the file would: entries cut from the end, the whole file put back to an older copy,
// the head file removed. Each is reported (exit 1), never "intact"; a keyed log cannot be checked
// without its key (exit 2); and `serve` will not start without one. With VG_TEST_POSTGRES_URL
// (tests/CMakeLists.txt: cli_verify_audit_postgresql) the PostgreSQL case runs too: the head at
// audit_head, which serve needs there, and a log cut with psql.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, vg } from '../../support/server.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const dirs = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

// A demo database written with the tests' audit key (tests/support/server.mjs).
function demoDatabase() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-verify-audit-'));
  dirs.push(dir);
  const file = path.join(dir, 'vg.db');
  const env = { VG_DATABASE_URL: `sqlite:${file}`, VG_LOG_LEVEL: 'warn' };
  vg(['migrate'], env);
  const demo = vg(['demo-data'], env);
  return { dir, file, env, demo };
}

const run = (args, env) => spawnSync(binary, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

function sql(file, statements) {
  const r = spawnSync('sqlite3', [file, statements], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('an untouched log is intact up to its head, and each change logs the head', () => {
  const { file, env, demo } = demoDatabase();
  const r = run(['verify-audit'], env);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /audit log intact: \d+ entries, keyed from entry 1, up to the head file/);
  const head = JSON.parse(readFileSync(`${file}.audit-head`, 'utf8'));
  assert.equal(head.seq, Number(sql(file, 'SELECT MAX(seq) FROM audit_log')));
  // The operator's log store holds the head too: one JSON line per change, no personal data.
  const lines = demo.stderr.split('\n').filter((l) => l.includes('"msg":"audit head"')).map((l) => JSON.parse(l));
  assert.ok(lines.length > 0, demo.stderr);
  assert.deepEqual(Object.keys(lines.at(-1)).sort(), ['level', 'mac', 'msg', 'seq', 'ts']);
  assert.deepEqual({ seq: lines.at(-1).seq, mac: lines.at(-1).mac }, head);
});

test('entries deleted from the end are reported, not "intact"', () => {
  const { file, env } = demoDatabase();
  sql(file, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log);');
  const r = run(['verify-audit'], env);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /audit log BROKEN at entry \d+: the log ends at entry \d+ but the head kept outside the database names entry \d+/);
});

test('the database rolled back to an older copy is reported', () => {
  const { dir, file, env } = demoDatabase();
  const copy = path.join(dir, 'older.db');
  sql(file, `.backup '${copy}'`);
  vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'after the copy'], env);
  assert.equal(run(['verify-audit'], env).status, 0);
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  copyFileSync(copy, file);
  const r = run(['verify-audit'], env);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /rolled back to an older copy/);
});

test('without the head file the log is unanchored; a head from the log store anchors it', () => {
  const { file, env } = demoDatabase();
  const head = JSON.parse(readFileSync(`${file}.audit-head`, 'utf8'));
  rmSync(`${file}.audit-head`);
  const r = run(['verify-audit'], env);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /UNANCHORED/);
  const anchored = run(['verify-audit', '--head', `${head.seq}:${head.mac}`], env);
  assert.equal(anchored.status, 0, anchored.stdout + anchored.stderr);
  assert.match(anchored.stdout, /up to the given head/);
});

test('a keyed log cannot be checked or written without its key, and serve will not start without one', () => {
  const { env } = demoDatabase();
  const noKey = { ...env, VG_AUDIT_KEY: '' };
  const verify = run(['verify-audit'], noKey);
  assert.equal(verify.status, 2, verify.stdout + verify.stderr);
  assert.match(verify.stderr, /audit_key/);
  const write = run(['api-keys', 'create', '--org', POLICE_ORG], noKey);
  assert.notEqual(write.status, 0, write.stdout);
  assert.match(write.stderr, /audit log is keyed/);
  const wrongKey = run(['verify-audit'], { ...env, VG_AUDIT_KEY: 'another-invented-key-of-forty-characters' });
  assert.equal(wrongKey.status, 1, wrongKey.stdout);
  assert.match(wrongKey.stdout, /its contents do not match its MAC/);
  const serve = run(['serve'], { ...noKey, VG_LISTEN: '127.0.0.1:0' });
  assert.equal(serve.status, 2, serve.stdout + serve.stderr);
  assert.match(serve.stderr, /audit_key is not set/);
  assert.ok(existsSync(env.VG_DATABASE_URL.replace(/^sqlite:/, '')));
});

test('serve will not start with a key the log was not written with', () => {
  const { env } = demoDatabase();
  const serve = spawnSync(binary, ['serve'], {
    env: { ...process.env, ...env, VG_LISTEN: '127.0.0.1:0', VG_AUDIT_KEY: 'another-invented-key-of-forty-characters' },
    encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL',
  });
  assert.equal(serve.status, 2, `${serve.signal ?? ''} ${serve.stdout} ${serve.stderr}`);
  assert.match(serve.stderr, /not the key the audit log was written with/);
});

// --- PostgreSQL: no database file to keep the head beside ---------------------------------------

const url = process.env.VG_TEST_POSTGRES_URL;

const psql = (sql) => {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

describe('PostgreSQL', { skip: !url && 'no VG_TEST_POSTGRES_URL' }, () => {
  let pgDir;
  let pgEnv;
  const pgRun = (args, extra = {}) => run(args, { ...pgEnv, ...extra });
  before(() => {
    pgDir = mkdtempSync(path.join(tmpdir(), 'vg-verify-audit-pg-'));
    pgEnv = { VG_DATABASE_URL: url, VG_AUDIT_HEAD: path.join(pgDir, 'audit-head'), VG_LOG_LEVEL: 'warn' };
    psql('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
    vg(['migrate'], pgEnv);
    vg(['demo-data'], pgEnv);
  });
  after(() => { if (pgDir) rmSync(pgDir, { recursive: true, force: true }); });

  test('PostgreSQL: the head is kept at audit_head, serve needs it, and a cut log is reported', () => {
    const head = JSON.parse(readFileSync(pgEnv.VG_AUDIT_HEAD, 'utf8'));
    assert.equal(head.seq, Number(psql('SELECT MAX(seq) FROM audit_log')));
    const intact = pgRun(['verify-audit']);
    assert.equal(intact.status, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /audit log intact: \d+ entries, keyed from entry 1, up to the head file/);

    const serve = pgRun(['serve'], { VG_AUDIT_HEAD: '', VG_LISTEN: '127.0.0.1:0' });
    assert.equal(serve.status, 2, serve.stdout + serve.stderr);
    assert.match(serve.stderr, /audit_head is not set/);

    psql('DROP TRIGGER audit_log_no_update_or_delete ON audit_log; DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log);');
    const cut = pgRun(['verify-audit']);
    assert.equal(cut.status, 1, cut.stdout + cut.stderr);
    assert.match(cut.stdout, /audit log BROKEN at entry \d+: the log ends at entry \d+ but the head kept outside the database names entry \d+/);
  });
});
