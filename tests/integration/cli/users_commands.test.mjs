// Operators' account commands against a running server's database: `organisations list`,
// `users list | disable | enable | unlock | reset-password | reset-second-factor`. Disabling someone signs their open
// sessions out at once; every command leaves an audit entry. Invented people; loopback only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer } from '../../support/server.mjs';
import { Browser } from '../../support/browser.mjs';

// id, name, kind, the areas it serves, its force codes, the directory organisation it is.
const ORGS = [
  ['7a1c0e52-3d4b-4c1e-9f00-000000000002', 'Victim Care Merseyside hub (demo)', 'gateway', 'merseyside', '-', '-'],
  ['7a1c0e52-3d4b-4c1e-9f00-000000000003', 'Merseyside Police (demo)', 'police', 'merseyside', 'E23000004', '-'],
  ['7a1c0e52-3d4b-4c1e-9f00-000000000004', 'RASA Merseyside (demo)', 'partner', 'merseyside', '-', '068423b5-424a-469b-82ba-0fbe2519d480'],
];
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const ASSESSOR = ['assessor@demo.victim-gateway.test', 'demo-assessor-password'];
const PARTNER = ['partner@demo.victim-gateway.test', 'demo-partner-password'];

let server;
before(async () => { server = await startServer(); }, { timeout: 300_000 });
after(async () => { await server?.stop(); });

function run(args, input) {
  return spawnSync(binary, args, {
    env: { ...process.env, ...server.env }, input, encoding: 'utf8', timeout: 120_000,
  });
}

async function signedIn([email, password]) {
  const browser = new Browser(server.url);
  const r = await browser.trySignIn(email, password);
  assert.equal(r.status, 303, `signing in as ${email}`);
  return browser;
}

const auditActions = () => querySqlite(server, 'SELECT action FROM audit_log ORDER BY seq').split('\n');

describe('organisations list', () => {
  test('prints every organisation\'s id, name, kind, what it may send and its directory link', () => {
    const r = run(['organisations', 'list']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines[0].split('\t'), ['id', 'name', 'kind', 'areas', 'force_codes', 'directory_organization']);
    for (const org of ORGS) assert.ok(lines.includes(org.join('\t')), `${org[1]} listed:\n${r.stdout}`);
  });
});

describe('users', () => {
  test('list prints each user with role, organisation and whether active; never a password hash', () => {
    const r = run(['users', 'list']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines[0].split('\t'), ['id', 'email', 'name', 'role', 'organisation_id', 'active']);
    const advisor = lines.find((l) => l.split('\t')[1] === ADVISOR[0]);
    assert.ok(advisor, r.stdout);
    assert.deepEqual(advisor.split('\t').slice(2), ['Sam Advisor', 'gateway_advisor', ORGS[0][0], 'yes']);
    assert.doesNotMatch(r.stdout, /argon2/);
  });

  test('disable signs the user\'s open sessions out at once and stops sign-in; enable lets them back', async () => {
    const browser = await signedIn(ADVISOR);
    assert.equal((await browser.get('/staff')).status, 200);
    const r = run(['users', 'disable', '--email', ADVISOR[0]]);
    assert.equal(r.status, 0, r.stderr);
    const after = await browser.get('/staff');
    assert.deepEqual([after.status, after.location], [303, '/sign-in']);
    assert.notEqual((await new Browser(server.url).trySignIn(...ADVISOR)).status, 303);
    assert.equal(run(['users', 'enable', '--email', ADVISOR[0]]).status, 0);
    // Enabling again brings no old session back.
    assert.equal((await browser.get('/staff')).status, 303);
    await signedIn(ADVISOR);
    assert.ok(auditActions().includes('user.disable'));
    assert.ok(auditActions().includes('user.enable'));
  });

  test('reset-password replaces the password and ends the user\'s sessions', async () => {
    const browser = await signedIn(LEADER);
    const r = run(['users', 'reset-password', '--email', LEADER[0], '--password-stdin'],
      'an invented new passphrase\n');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /an invented new passphrase/);
    assert.equal((await browser.get('/staff')).status, 303);
    assert.notEqual((await new Browser(server.url).trySignIn(...LEADER)).status, 303);
    await signedIn([LEADER[0], 'an invented new passphrase']);
    const generated = run(['users', 'reset-password', '--email', LEADER[0]]);
    assert.equal(generated.status, 0, generated.stderr);
    const shown = generated.stdout.match(/password \(shown once\): (\S+)/)?.[1];
    assert.ok(shown, generated.stdout);
    await signedIn([LEADER[0], shown]);
    assert.ok(auditActions().includes('user.reset_password'));
  });

  test('unlock lets a user in at once after failures made them wait', async () => {
    let last;
    for (let i = 0; i < 8 && last?.status !== 429; i += 1) {
      last = await new Browser(server.url).trySignIn(ASSESSOR[0], `not the password ${i}`);
    }
    assert.equal(last.status, 429, 'failures make the next attempt wait');
    assert.equal((await new Browser(server.url).trySignIn(...ASSESSOR)).status, 429);
    const r = run(['users', 'unlock', '--email', ASSESSOR[0]]);
    assert.equal(r.status, 0, r.stderr);
    await signedIn(ASSESSOR);
    assert.ok(auditActions().includes('user.unlock'));
  });

  test('reset-second-factor ends the user\'s sessions and has them set up an app at their next sign-in', async () => {
    const browser = await signedIn(PARTNER);
    assert.equal((await browser.get('/staff')).status, 200);
    const r = run(['users', 'reset-second-factor', PARTNER[0]]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /reset the second factor of user/);
    assert.equal((await browser.get('/staff')).status, 303, 'signed out at once');
    const again = await new Browser(server.url).trySignIn(...PARTNER, { secondFactor: false });
    assert.deepEqual([again.status, again.location], [303, '/sign-in/set-up-authenticator']);
    assert.ok(auditActions().includes('user.second_factor.reset'));
    assert.equal(run(['users', 'reset-second-factor', '--email', PARTNER[0]]).status, 0, 'by --email too');
    assert.equal(run(['users', 'reset-second-factor', 'nobody-invented@example.org']).status, 1);
  });

  test('an unknown user is an error naming what was not found, exit 1', () => {
    const r = run(['users', 'disable', '--email', 'nobody-invented@example.org']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not found/i);
  });
});
