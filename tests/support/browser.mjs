// A cookie jar and form poster the way a browser keeps them, for node tests against a test server
// (tests/support/server.mjs): loopback only, redirects not followed.
import assert from 'node:assert/strict';
import { formBody } from './html.mjs';

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

  // Posts the sign-in form (with its CSRF token) and returns the answer, signed in or not.
  async trySignIn(email, password) {
    const form = await this.get('/sign-in');
    assert.equal(form.status, 200);
    const csrf = hiddenField(form.text, 'csrf_token');
    assert.ok(csrf, 'the sign-in form carries a CSRF token');
    return this.post('/sign-in', { csrf_token: csrf, email, password });
  }
}

export const hiddenField = (html, name) =>
  html.match(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`))?.[1];
