// The staff sign-in form over plain HTTP against a real server: repeated failures never lock an
// account and never tell a real email from an unknown one (the same status and message, step by
// step), the longest password that can be set also signs in, and a longer one is refused with a
// message that says why. Invented people only; loopback only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { binary, startServer } from '../../support/server.mjs';
import { Browser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const HUB = '7a1c0e52-3d4b-4c1e-9f00-000000000002';  // Victim Care Merseyside hub (demo)
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
// 1,024 characters: the longest password that can be set.
const LONGEST = 'x'.repeat(24) + 'long-invented-passphrase '.repeat(40);

let server;
before(async () => {
  server = await startServer();
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

function answer(r) {
  const messages = r.status === 400 || r.status === 429 ? errorSummaryLinks(r.text).map((l) => l.message) : [];
  return { status: r.status, messages, retryAfter: r.headers.get('retry-after') !== null };
}

describe('repeated failures', () => {
  test('a real email and an unknown one get the same answers, attempt by attempt', async () => {
    const real = [];
    const unknown = [];
    for (let i = 0; i < 7; i += 1) {
      real.push(answer(await new Browser(server.url).trySignIn(ADVISOR[0], `wrong password ${i}`)));
      unknown.push(answer(await new Browser(server.url).trySignIn('nobody-invented@example.org', `wrong password ${i}`)));
    }
    assert.deepEqual(real, unknown);
    for (const a of real) assert.doesNotMatch(a.messages.join(' '), /locked/i);
  });
});

describe('password length', () => {
  test('the longest password an operator can set also signs in', async () => {
    assert.equal([...LONGEST].length, 1024);
    const created = spawnSync(binary, ['users', 'create', '--email', 'long.password@example.org',
      '--name', 'Invented Longpass', '--role', 'gateway_advisor', '--organisation', HUB,
      '--password-stdin'], { env: { ...process.env, ...server.env }, input: `${LONGEST}\n`, encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const r = await new Browser(server.url).trySignIn('long.password@example.org', LONGEST);
    assert.equal(r.status, 303, r.text.slice(0, 400));
  });

  test('a longer password is refused at sign-in with a message that says why', async () => {
    const r = await new Browser(server.url).trySignIn(ADVISOR[0], `${LONGEST}x`);
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummaryLinks(r.text), [
      { anchor: 'password', message: 'Password must be 1,024 characters or fewer' },
    ]);
  });
});
