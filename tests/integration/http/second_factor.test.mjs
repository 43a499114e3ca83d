// The staff second factor over plain HTTP against a real server: a role that sees victims'
// details signs in with a code from an authenticator app after the password; half-way (password
// right, code still to come) the session reaches no staff page or route; a wrong code is refused
// with the GOV.UK error summary and counted by the sign-in throttle; a code is never taken twice;
// enrolment shows the key once and ten recovery codes once; a recovery code works once; the
// session id changes when the second factor passes. Invented people only; loopback only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { Browser, hiddenField } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';
import { freshCode, secretFor, serverNow, spentStep, stepAt, totpCode } from '../../support/second_factor.mjs';

const HUB = '7a1c0e52-3d4b-4c1e-9f00-000000000002';  // Victim Care Merseyside hub (demo)
const ASSESSOR = ['assessor@demo.victim-gateway.test', 'demo-assessor-password'];
const PASSWORD = 'an invented passphrase for tests';
const WRONG_CODE = 'The code is not correct or has been used. Enter the code your authenticator app shows now';

let server;
let routes;
before(async () => {
  server = await startServer();
  const [head, ...rows] = vg(['serve', '--list-routes'], server.env).stdout.trim().split('\n');
  const names = head.split(',');
  routes = rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v])));
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

// A new advisor (a role that needs a second factor), not yet enrolled.
let made = 0;
function newAdvisor() {
  made += 1;
  const email = `second.factor.${made}@example.org`;
  const r = spawnSync(binary, ['users', 'create', '--email', email, '--name', `Invented Person ${made}`,
    '--role', 'gateway_advisor', '--organisation', HUB, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return email;
}

// Signed in with the password only: the session half-way.
async function halfWay(email, password = PASSWORD) {
  const browser = new Browser(server.url);
  const r = await browser.trySignIn(email, password, { secondFactor: false });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return { browser, next: r.location };
}

const title = (html) => html.match(/<title>([^<]*)<\/title>/)?.[1];
const audit = () => querySqlite(server, 'SELECT action FROM audit_log ORDER BY seq').split('\n');
// A code no step near now has: the right one's digits turned round.
const wrongFor = (code) => code.split('').map((d) => String((Number(d) + 5) % 10)).join('');

describe('a demo user who is enrolled', () => {
  test('goes from the password to the code page, and a wrong code is refused with the error summary', async () => {
    const { browser, next } = await halfWay(...ASSESSOR);
    assert.equal(next, '/sign-in/code');
    const halfWayId = browser.cookies.vg_session;
    assert.ok(halfWayId, 'the half-way session has a cookie');

    const page = await browser.get('/sign-in/code');
    assert.equal(page.status, 200);
    assert.match(title(page.text), /^Enter the code from your authenticator app/);
    assert.match(page.text, /Enter the 6-digit code from your authenticator app/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.text, /href="\/sign-in\/recovery-code"/, 'a link to use a recovery code');

    const right = await freshCode(server.url, ASSESSOR[0]);
    const wrong = await browser.post('/sign-in/code', { csrf_token: hiddenField(page.text, 'csrf_token'), code: wrongFor(right) });
    assert.equal(wrong.status, 400);
    assert.match(title(wrong.text), /^Error: Enter the code/);
    assert.deepEqual(errorSummaryLinks(wrong.text), [{ anchor: 'code', message: WRONG_CODE }]);
    assert.equal(wrong.headers.get('cache-control'), 'no-store');

    const blank = await browser.post('/sign-in/code', { csrf_token: hiddenField(page.text, 'csrf_token'), code: '' });
    assert.deepEqual(errorSummaryLinks(blank.text), [{ anchor: 'code', message: 'Enter the 6-digit code from your authenticator app' }]);

    const passed = await browser.post('/sign-in/code', { csrf_token: hiddenField(page.text, 'csrf_token'), code: right });
    assert.deepEqual([passed.status, passed.location], [303, '/staff']);
    assert.equal(passed.headers.get('cache-control'), 'no-store');
    assert.ok(browser.cookies.vg_session && browser.cookies.vg_session !== halfWayId, 'the session id is rotated');
    assert.equal((await browser.get('/staff')).status, 200);

    const old = new Browser(server.url);
    old.cookies = { vg_session: halfWayId };
    assert.equal((await old.get('/staff')).status, 303, 'the half-way id is gone');
    const actions = audit();
    for (const a of ['user.login_password_accepted', 'user.second_factor.failed', 'user.second_factor.verified']) {
      assert.ok(actions.includes(a), a);
    }
    const details = querySqlite(server, "SELECT detail FROM audit_log WHERE action LIKE 'user.second_factor.%'");
    assert.doesNotMatch(details, new RegExp(`${right}|${secretFor(server.url, ASSESSOR[0])}`), 'no code or key is audited');
  });

  test('a code is never taken twice, even by another browser', async () => {
    const step = stepAt(serverNow(server.url));
    const code = totpCode(secretFor(server.url, ASSESSOR[0]), step + 1);
    spentStep(server.url, ASSESSOR[0], step + 1);
    const first = await halfWay(...ASSESSOR);
    assert.equal((await first.browser.enterCode(ASSESSOR[0], code)).status, 303);
    const second = await halfWay(...ASSESSOR);
    const replay = await second.browser.enterCode(ASSESSOR[0], code);
    assert.equal(replay.status, 400);
    assert.deepEqual(errorSummaryLinks(replay.text), [{ anchor: 'code', message: WRONG_CODE }]);
    assert.equal((await second.browser.get('/staff')).status, 303);
  });
});

describe('half-way through signing in', () => {
  test('the session reaches no staff page or route: every one treats it as signed out', async () => {
    const { browser } = await halfWay(newAdvisor());
    const csrf = hiddenField((await browser.get('/sign-in/set-up-authenticator')).text, 'csrf_token');
    assert.ok(csrf);
    const staffRoutes = routes.filter((r) => !['everyone', 'operator', 'api_key'].includes(r.guard));
    assert.ok(staffRoutes.length > 5, `staff routes listed: ${staffRoutes.length}`);
    for (const r of staffRoutes) {
      const path = r.pattern.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
      const res = r.method === 'GET' ? await browser.get(path) : await browser.post(path, { csrf_token: csrf });
      assert.ok(res.status === 403 || (res.status === 303 && res.location.startsWith('/sign-in')),
        `${r.method} ${r.pattern} (${r.guard}): ${res.status} ${res.location ?? ''}`);
    }
    const home = await browser.get('/staff');
    assert.deepEqual([home.status, home.location], [303, '/sign-in']);
    for (const r of routes.filter((x) => x.guard === 'api_key' && x.method === 'GET')) {
      const path = r.pattern.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');
      assert.equal((await browser.get(path)).status, 401, `${r.pattern}: the API wants a key, not a cookie`);
    }
  });

  test('the second-factor pages send everyone else on', async () => {
    const anonymous = new Browser(server.url);
    for (const p of ['/sign-in/code', '/sign-in/recovery-code', '/sign-in/set-up-authenticator']) {
      const r = await anonymous.get(p);
      assert.deepEqual([r.status, r.location], [303, '/sign-in'], p);
    }
    const { browser } = await halfWay(newAdvisor());
    const r = await browser.get('/sign-in/code');
    assert.deepEqual([r.status, r.location], [303, '/sign-in/set-up-authenticator'], 'not enrolled: set up first');
  });
});

describe('setting up an authenticator app', () => {
  test('shows the key and an otpauth link, refuses a wrong code, then shows ten recovery codes once', async () => {
    const email = newAdvisor();
    const { browser, next } = await halfWay(email);
    assert.equal(next, '/sign-in/set-up-authenticator');
    const page = await browser.get(next);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(title(page.text), /^Set up an authenticator app/);
    const secret = page.text.match(/otpauth:\/\/totp\/[^"]*\?secret=([A-Z2-7]{32})&amp;issuer=Victim%20Gateway/)?.[1];
    assert.ok(secret, 'an otpauth:// link with the key');
    assert.ok(page.text.includes(secret.match(/.{4}/g).join(' ')), 'the key in groups of four');
    assert.equal((await browser.get(next)).text.includes(secret), true, 'the same key when shown again');

    const right = await freshCode(server.url, email, secret);
    const refused = await browser.post(next, { csrf_token: hiddenField(page.text, 'csrf_token'), code: wrongFor(right) });
    assert.equal(refused.status, 400);
    assert.match(title(refused.text), /^Error: Set up an authenticator app/);
    assert.equal(errorSummaryLinks(refused.text)[0].anchor, 'code');

    const shown = await browser.post(next, { csrf_token: hiddenField(page.text, 'csrf_token'), code: right });
    assert.equal(shown.status, 200);
    assert.equal(shown.headers.get('cache-control'), 'no-store');
    const codes = [...shown.text.matchAll(/<li><code>([^<]+)<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(codes.length, 10);
    assert.equal((await browser.get('/staff')).status, 200, 'signed in');
    const saved = await browser.post('/sign-in/recovery-codes-saved', { csrf_token: hiddenField(shown.text, 'csrf_token') });
    assert.deepEqual([saved.status, saved.location], [303, '/staff']);
    const hashes = querySqlite(server, `SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = '${email}'`);
    for (const c of codes) assert.ok(!hashes.includes(c), 'only hashes are stored');
    assert.ok(audit().includes('user.second_factor.enrolled'));
  });
});

describe('recovery codes', () => {
  test('a recovery code signs in once', async () => {
    const email = newAdvisor();
    const enrolling = new Browser(server.url);
    assert.equal((await enrolling.trySignIn(email, PASSWORD)).status, 303);
    const [code] = enrolling.recoveryCodes;

    const first = await halfWay(email);
    assert.equal(first.next, '/sign-in/code');
    const used = await first.browser.enterRecoveryCode(code.toUpperCase());
    assert.deepEqual([used.status, used.location], [303, '/staff']);
    assert.equal((await first.browser.get('/staff')).status, 200);

    const second = await halfWay(email);
    const again = await second.browser.enterRecoveryCode(code);
    assert.equal(again.status, 400);
    assert.match(title(again.text), /^Error: Enter a recovery code/);
    assert.deepEqual(errorSummaryLinks(again.text), [{ anchor: 'code', message: 'The recovery code is not correct or has been used' }]);
    assert.equal(audit().filter((a) => a === 'user.second_factor.recovery_code_used').length, 1);
  });
});

describe('throttling', () => {
  test('wrong codes count like wrong passwords: the right code then waits too', async () => {
    const email = newAdvisor();
    assert.equal((await new Browser(server.url).trySignIn(email, PASSWORD)).status, 303);
    const { browser } = await halfWay(email);
    const page = await browser.get('/sign-in/code');
    const csrf = hiddenField(page.text, 'csrf_token');
    const right = await freshCode(server.url, email);
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await browser.post('/sign-in/code', { csrf_token: csrf, code: wrongFor(right) })).status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
    const held = await browser.post('/sign-in/code', { csrf_token: csrf, code: right });
    assert.equal(held.status, 429);
    assert.ok(Number(held.headers.get('retry-after')) > 0, 'Retry-After');
    assert.match(errorSummaryLinks(held.text)[0].message, /too many attempts/);
    assert.equal((await browser.get('/staff')).status, 303, 'still not signed in');
    const password = await new Browser(server.url).trySignIn(email, PASSWORD, { secondFactor: false });
    assert.equal(password.status, 429, 'the password step waits as well');
  });
});
