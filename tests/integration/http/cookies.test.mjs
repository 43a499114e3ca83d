// The product's cookies behind TLS (a public address that is https, the default everywhere but
// the demo): every cookie is Secure and HttpOnly with no Domain, named with the __Host- prefix
// (Path=/) or, for the self-referral draft kept to /refer, __Secure-; so no plain-http page (and,
// for __Host-, no other site under a parent domain) can plant one.
// A session id sent under the unprefixed name signs nobody in (session fixation), and signing in
// still works end to end with the prefixed cookies. Invented people only; loopback only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Browser } from '../../support/browser.mjs';
import { startServer } from '../../support/server.mjs';

const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
let server;
before(async () => {
  server = await startServer({ env: { VG_PUBLIC_BASE_URL: 'https://gateway.example' } });
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

// Every Set-Cookie of an answer, split into name, value and attributes (lower-cased names).
function setCookies(headers) {
  return headers.getSetCookie().map((line) => {
    const [pair, ...rest] = line.split(';').map((p) => p.trim());
    const at = pair.indexOf('=');
    const attributes = Object.fromEntries(rest.map((a) => {
      const [k, v = ''] = a.split('=');
      return [k.toLowerCase(), v];
    }));
    return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
  });
}

function assertHostCookie(cookie, sameSite) {
  const path = cookie.name === '__Secure-vg_refer' ? '/refer' : '/';
  assert.match(cookie.name, path === '/' ? /^__Host-vg_/ : /^__Secure-vg_/, `${cookie.name}: the prefix`);
  assert.ok('secure' in cookie.attributes, `${cookie.name}: Secure`);
  assert.ok('httponly' in cookie.attributes, `${cookie.name}: HttpOnly`);
  assert.equal(cookie.attributes.path, path, `${cookie.name}: Path=${path}`);
  assert.ok(!('domain' in cookie.attributes), `${cookie.name}: no Domain`);
  assert.equal(cookie.attributes.samesite, sameSite, `${cookie.name}: SameSite`);
}

test('every cookie set is prefixed and Secure: sign-in, session, self-referral draft, chat', async () => {
  const seen = new Map();
  const browser = new Browser(server.url);
  const form = await fetch(`${server.url}/sign-in`);
  for (const c of setCookies(form.headers)) seen.set(c.name, c);
  const signedIn = await browser.signIn(...ADVISOR);
  assert.ok(browser.cookies['__Host-vg_session'], 'the session is under the prefixed name');
  assert.equal(browser.cookies.vg_session, undefined, 'and under no other');
  for (const c of setCookies(signedIn.headers)) seen.set(c.name, c);
  const started = await fetch(`${server.url}/refer/start`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  for (const c of setCookies(started.headers)) seen.set(c.name, c);
  // An advisor on duty (their queue open), so a chat starts.
  assert.equal((await browser.get('/staff/chats')).status, 200);
  const chat = await fetch(`${server.url}/chat/start`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'area=merseyside' });
  assert.equal(chat.status, 303);
  for (const c of setCookies(chat.headers)) seen.set(c.name, c);
  for (const [name, sameSite] of [['__Host-vg_presession', 'Lax'], ['__Host-vg_session', 'Lax'], ['__Secure-vg_refer', 'Lax'], ['__Host-vg_chat', 'Strict']]) {
    assert.ok(seen.has(name), `${name} was set (saw ${[...seen.keys()].join(', ')})`);
    assertHostCookie(seen.get(name), sameSite);
  }
  for (const c of seen.values()) assertHostCookie(c, c.attributes.samesite);
  assert.equal((await browser.get('/staff')).status, 200, 'signed in with the prefixed cookie');
});

test('a session id under the unprefixed name signs nobody in (fixation from a plain-http page)', async () => {
  const browser = new Browser(server.url);
  await browser.signIn(...ADVISOR);
  const id = browser.cookies['__Host-vg_session'];
  const planted = await fetch(`${server.url}/staff`, { redirect: 'manual', headers: { cookie: `vg_session=${id}` } });
  assert.equal(planted.status, 303);
  assert.match(planted.headers.get('location'), /^\/sign-in/);
  const real = await fetch(`${server.url}/staff`, { redirect: 'manual', headers: { cookie: `__Host-vg_session=${id}` } });
  assert.equal(real.status, 200);
});
