// Who may use each route, generated from the two places that say it: the router (every route
// with the guard it declares, from `victim-gateway serve --list-routes`) and the access table
// (`victim-gateway access-table --csv`). For every route and every demo role, a real server
// must answer as the table says: a role with no line for the route's action gets 403, a role
// with one gets past the door (its own record decisions are the use cases' tests). A route added
// without a guard cannot be registered at all (Router::add takes one).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, vg } from '../../support/server.mjs';
import { Browser, hiddenField } from '../../support/browser.mjs';
import { parseDemoLogins } from '../../support/demo_logins.mjs';

let server;
let routes;
let table;
let logins;

const csv = (text) => {
  const [head, ...rows] = text.trim().split('\n');
  const names = head.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], v])));
};

// Invented values for a pattern's parameters: records that do not exist, so nothing is changed
// and an allowed role is answered 404 (or 400), never 403.
const SAMPLE = {
  reference: 'MY-2026-999999',
  id: '00000000-0000-4000-8000-000000000000',
};
const fill = (pattern) => pattern.replace(/\{(\w+)\}/g, (_, name) => SAMPLE[name] ?? `sample-${name}`);
const parametric = (pattern) => /\{\w+\}/.test(pattern);

before(async () => {
  server = await startServer({ demo: false });
  // The demo's log-ins, one per role, as demo-data prints them ("email  password  key  Role label").
  logins = parseDemoLogins(vg(['demo-data'], server.env).stdout)
    .map((l) => ({ ...l, role: l.role.toLowerCase().replace(/ /g, '_') }));
  routes = csv(vg(['serve', '--list-routes'], server.env).stdout);
  table = csv(vg(['access-table', '--csv']).stdout);
}, { timeout: 300_000 });

after(async () => { await server?.stop(); });

const roleMay = (role, action) => table.some((line) => line.role === role && line.action === action);
const ACTION_GUARDS = () => new Set(table.map((line) => line.action));

test('every route declares a guard the access table or the router knows', () => {
  assert.ok(routes.length > 30, `the server lists its routes (${routes.length})`);
  assert.equal(logins.length, 8, 'one demo log-in per role');
  const known = new Set(['everyone', 'signed_in', 'api_key', 'operator', ...ACTION_GUARDS()]);
  for (const r of routes) assert.ok(known.has(r.guard), `${r.method} ${r.pattern}: guard "${r.guard}"`);
  // The table names actions no route uses yet (casework, insight): each action a route uses is in it.
  const used = new Set(routes.map((r) => r.guard).filter((g) => !['everyone', 'signed_in', 'api_key', 'operator'].includes(g)));
  assert.ok(used.size >= 3, `routes guarded by an action: ${[...used].join(', ')}`);
});

test('nobody signed out gets past a staff route, and the API needs a key', async () => {
  const anonymous = new Browser(server.url);
  for (const r of routes.filter((x) => !['everyone', 'operator'].includes(x.guard))) {
    const path = fill(r.pattern);
    const res = r.method === 'GET' ? await anonymous.get(path) : await anonymous.post(path, {});
    const label = `${r.method} ${r.pattern} (${r.guard}), signed out`;
    if (r.guard === 'api_key') {
      assert.equal(res.status, 401, label);
    } else {
      assert.ok(res.status === 403 || (res.status === 303 && res.location.startsWith('/sign-in')),
        `${label}: ${res.status} ${res.location ?? ''}`);
    }
  }
});

test('public routes answer everyone', async () => {
  const anonymous = new Browser(server.url);
  for (const r of routes.filter((x) => x.guard === 'everyone' && x.method === 'GET' && !parametric(x.pattern))) {
    const res = await anonymous.get(r.pattern);
    assert.ok(res.status < 400 || (r.pattern === '/readyz' && res.status === 503), `GET ${r.pattern}: ${res.status}`);
  }
});

test('for every demo role, each action-guarded route answers 403 exactly when the table has no line', async () => {
  const guarded = routes.filter((r) => ACTION_GUARDS().has(r.guard));
  for (const login of logins) {
    const browser = new Browser(server.url);
    const signedIn = await browser.trySignIn(login.email, login.password);
    assert.equal(signedIn.status, 303, `${login.role} signs in`);
    const home = await browser.get('/staff');
    assert.equal(home.status, 200, `${login.role}: /staff is for every signed-in role`);
    const csrf = hiddenField(home.text, 'csrf_token');
    assert.ok(csrf, `${login.role}: the home page carries the session's CSRF token`);
    for (const r of guarded) {
      const path = fill(r.pattern);
      const res = r.method === 'GET' ? await browser.get(path) : await browser.post(path, { csrf_token: csrf });
      const allowed = roleMay(login.role, r.guard);
      const label = `${login.role} ${r.method} ${r.pattern} (${r.guard}): ${res.status}`;
      assert.ok(res.status < 500, label);
      if (allowed) assert.notEqual(res.status, 403, `${label}: the table lets this role in`);
      else assert.equal(res.status, 403, `${label}: the table has no line for this role`);
    }
  }
});
