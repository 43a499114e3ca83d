// Cross-site request forgery over plain HTTP against a real server: every state-changing request
// that a browser could be tricked into sending from another site (a foreign or "null" Origin,
// or Sec-Fetch-Site cross-site / same-site) is refused with 403 and changes nothing, on the
// public self-referral forms as on the staff forms; the same forms posted from the service's
// own pages, and machine clients with a bearer key, still work.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer } from '../../support/server.mjs';
import { formBody } from '../../support/html.mjs';

const FOREIGN = 'https://attacker.example';

describe('cross-site POSTs', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  const drafts = () => Number(querySqlite(server, 'SELECT count(*) FROM form_drafts'));

  async function post(path, fields, headers = {}) {
    const res = await fetch(server.url + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: formBody(fields),
    });
    return { status: res.status, location: res.headers.get('location'), setCookies: res.headers.getSetCookie(), text: await res.text() };
  }

  test('a self-referral started from another site is refused and stores no draft', async () => {
    const before = drafts();
    for (const headers of [
      { origin: FOREIGN },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', origin: FOREIGN },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const r = await post('/refer/start', { website: '' }, headers);
      assert.equal(r.status, 403, JSON.stringify(headers));
      assert.ok(!r.setCookies.some((c) => c.startsWith('vg_refer=')), 'no draft cookie');
      assert.match(r.text, /another website/);
    }
    assert.equal(drafts(), before, 'no draft stored');
  });

  test('answers posted into a draft from another site are refused and the draft keeps its answers', async () => {
    const started = await post('/refer/start', { website: '' }, { origin: server.url, 'sec-fetch-site': 'same-origin' });
    assert.equal(started.status, 303);
    const cookie = started.setCookies.find((c) => c.startsWith('vg_refer=')).split(';')[0];
    const forged = await post('/refer/safe-to-contact', { safe_to_contact: 'no' }, { cookie, origin: FOREIGN });
    assert.equal(forged.status, 403);
    // Not answered: the journey still starts at the first question (a "no" would have deleted it).
    const page = await fetch(`${server.url}/refer/safe-to-contact`, { headers: { cookie }, redirect: 'manual' });
    assert.equal(page.status, 200);
    const real = await post('/refer/safe-to-contact', { safe_to_contact: 'yes' }, { cookie, origin: server.url });
    assert.deepEqual([real.status, real.location], [303, '/refer/contact']);
  });

  test('the same form from the service\'s own pages, or from a program without browser headers, works', async () => {
    for (const headers of [{ origin: server.url }, { 'sec-fetch-site': 'same-origin', origin: 'null' }, {}]) {
      const r = await post('/refer/start', { website: '' }, headers);
      assert.deepEqual([r.status, r.location], [303, '/refer/safe-to-contact'], JSON.stringify(headers));
    }
  });

  test('the staff sign-in form is protected the same way', async () => {
    const r = await post('/sign-in', { email: 'advisor@demo.victim-gateway.test', password: 'demo-advisor-password' },
      { origin: FOREIGN });
    assert.equal(r.status, 403);
    assert.ok(!r.setCookies.some((c) => c.startsWith('vg_session=')), 'no session');
  });

  test('an API call with a bearer key is not refused for its Origin', async () => {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { origin: FOREIGN, 'sec-fetch-site': 'cross-site', authorization: 'Bearer vgk_not-a-real-key', 'content-type': 'application/json' },
      body: '{}',
    });
    await res.arrayBuffer();
    assert.equal(res.status, 401, 'the key is judged, not the Origin');
  });

  test('a cross-site call to the API without a key gets a problem response', async () => {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST', headers: { origin: FOREIGN, 'content-type': 'application/json' }, body: '{}',
    });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    await res.arrayBuffer();
  });
});
