// A cookie jar and form poster the way a browser keeps them, for node tests against a test server
// (tests/support/server.mjs): loopback only, redirects not followed. Signing in completes the
// second factor as the person would, with codes from tests/support/second_factor.mjs.
import assert from 'node:assert/strict';
import { formBody } from './html.mjs';
import { freshCode, recoveryCodesFromPage, rememberSecret, secretFromSetUpPage } from './second_factor.mjs';

export class Browser {
  constructor(baseUrl) { this.baseUrl = baseUrl; this.cookies = {}; }

  async request(method, p, fields) {
    const headers = {};
    const cookie = Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    if (fields) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.baseUrl + p, {
      method, headers, redirect: 'manual', body: fields ? formBody(fields) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const m = c.match(/^([^=]+)=([^;]*)/);
      if (!m) continue;
      if (/Max-Age=0/i.test(c) || m[2] === '') delete this.cookies[m[1]];
      else this.cookies[m[1]] = m[2];
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
  }

  get(p) { return this.request('GET', p); }

  post(p, fields = []) { return this.request('POST', p, fields); }

  // Posts the sign-in form (with its CSRF token) and returns the answer, signed in or not. When
  // the password is right and the role needs a second factor, it goes on as the person would:
  // the code from their app (a demo user's printed key), or setting up an app when they have
  // none (the recovery codes shown are kept in this.recoveryCodes). The answer returned is the
  // last one: a 303 to the home page once signed in. `secondFactor: false` stops after the
  // password, with the session half-way.
  async trySignIn(email, password, { secondFactor = true } = {}) {
    const form = await this.get('/sign-in');
    assert.equal(form.status, 200);
    const csrf = hiddenField(form.text, 'csrf_token');
    assert.ok(csrf, 'the sign-in form carries a CSRF token');
    const r = await this.post('/sign-in', { csrf_token: csrf, email, password });
    if (!secondFactor || r.status !== 303) return r;
    if (r.location === '/sign-in/code') return this.enterCode(email);
    if (r.location === '/sign-in/set-up-authenticator') return this.setUpAuthenticator(email);
    return r;
  }

  // Signs in and fails the test unless it worked; the answer (its location is the home page).
  async signIn(email, password) {
    const r = await this.trySignIn(email, password);
    assert.equal(r.status, 303, `signing in as ${email}: ${r.text.slice(0, 500)}`);
    assert.ok(this.cookies.vg_session ?? this.cookies['__Host-vg_session'], 'signing in sets the session cookie');
    this.home = r.location;
    return r;
  }

  // The code page's form, with `code` or a code the server has not seen from this user.
  async enterCode(email, code) {
    const page = await this.get('/sign-in/code');
    if (page.status !== 200) return page;
    return this.post('/sign-in/code', {
      csrf_token: hiddenField(page.text, 'csrf_token'), code: code ?? await freshCode(this.baseUrl, email),
    });
  }

  // The recovery code page's form.
  async enterRecoveryCode(code) {
    const page = await this.get('/sign-in/recovery-code');
    if (page.status !== 200) return page;
    return this.post('/sign-in/recovery-code', { csrf_token: hiddenField(page.text, 'csrf_token'), code });
  }

  // Sets up an authenticator with the key the page shows, then "I have saved these codes".
  async setUpAuthenticator(email) {
    const page = await this.get('/sign-in/set-up-authenticator');
    if (page.status !== 200) return page;
    const secret = secretFromSetUpPage(page.text);
    assert.ok(secret, 'the set-up page shows the key in an otpauth:// link');
    rememberSecret(this.baseUrl, email, secret);
    const shown = await this.post('/sign-in/set-up-authenticator', {
      csrf_token: hiddenField(page.text, 'csrf_token'), code: await freshCode(this.baseUrl, email, secret),
    });
    if (shown.status !== 200) return shown;
    this.recoveryCodes = recoveryCodesFromPage(shown.text);
    return this.post('/sign-in/recovery-codes-saved', { csrf_token: hiddenField(shown.text, 'csrf_token') });
  }
}

// A Browser signed in as the user, sharing one session with every other this process asked for
// on the same server (signed in again when that session has ended). The server never takes the
// same authenticator code twice, so a test that signs the same person in many times would
// otherwise wait for new codes; tests of signing in itself use trySignIn.
const sharedSessions = new Map();
export async function signedInBrowser(baseUrl, email, password) {
  const key = `${baseUrl} ${email}`;
  const held = sharedSessions.get(key);
  if (held) {
    const browser = new Browser(baseUrl);
    browser.cookies = { ...held.cookies };
    browser.home = held.home;
    if ((await browser.get('/staff')).status === 200) return browser;
  }
  const browser = new Browser(baseUrl);
  await browser.signIn(email, password);
  sharedSessions.set(key, { cookies: { ...browser.cookies }, home: browser.home });
  return browser;
}

export const hiddenField = (html, name) =>
  html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1];
