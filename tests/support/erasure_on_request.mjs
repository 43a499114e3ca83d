// A case ready to be erased on its person's request, for the restore tests: two invented people
// referred by the police over the API, the first case allocated and closed (declined support),
// so a team leader may erase it; `erase()` does so over HTTP. The second stays whole.
import assert from 'node:assert/strict';
import { hiddenField, signedInBrowser } from './browser.mjs';
import { querySqlite, vg } from './server.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
export const ERASED_NAME = 'Alex Inventederased';
export const KEPT_NAME = 'Bea Inventedkept';

async function signIn(server, [email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

// `userIdOf(email)`: the user's id in the server's database (SQLite or PostgreSQL).
export async function caseToErase(server, userIdOf = (email) => querySqlite(server, `SELECT id FROM users WHERE email = '${email}'`).trim()) {
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  const key = out[out.length - 1].trim();
  const ids = [];
  for (const [n, name] of [[1, ERASED_NAME], [2, KEPT_NAME]]) {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        channel: 'police', area: 'merseyside', reported_to_police: true,
        police_force_code: 'E23000004', crime_reference: `RESTORE/${process.pid}/${n}`,
        incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
        local_authority: 'E08000012', victim: { type: 'person', name, date_of_birth: '1975-07-08', phone: '0151 496 0888' },
      }),
    });
    const json = await res.json();
    assert.equal(res.status, 201, JSON.stringify(json));
    ids.push(json.id);
  }
  const [erasedId, keptId] = ids;
  const leader = await signIn(server, LEADER);
  const advisor = await signIn(server, ADVISOR);
  const page = await leader.get(`/cases/${erasedId}`);
  const allocated = await leader.post(`/cases/${erasedId}/allocation`, { csrf_token: leader.csrf, version: hiddenField(page.text, 'version'), user_id: userIdOf(ADVISOR[0]), how: 'chosen' });
  assert.equal(allocated.status, 303);
  const close = await advisor.get(`/cases/${erasedId}/close`);
  const check = await advisor.post(`/cases/${erasedId}/close`, { csrf_token: advisor.csrf, version: hiddenField(close.text, 'version'), step: 'check', reason: 'declined_support' });
  assert.equal(check.status, 200, check.text.slice(0, 300));
  const closed = await advisor.post(`/cases/${erasedId}/close`, { csrf_token: advisor.csrf, version: hiddenField(check.text, 'version'), step: 'confirm', reason: 'declined_support' });
  assert.equal(closed.status, 303);
  return {
    erasedId,
    keptId,
    async erase() {
      const erased = await leader.post(`/cases/${erasedId}/erasure`, { csrf_token: leader.csrf });
      assert.equal(erased.status, 303, erased.text.slice(0, 300));
    },
  };
}
