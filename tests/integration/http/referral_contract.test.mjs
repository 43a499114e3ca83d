// POST /api/v1/referrals as data: every tests/integration/http/contracts/referrals/*.json file
// pins the API's answers, run against a real server with the demo data, an API key for each kind
// of sender and a clock that starts at a known instant (CLOCK_START). The exact answers live in
// the data, so a change to the create path that alters one shows up as a failing case, not as a
// silent difference.
//
// A file: {about?, bodies: {NAME: referral}, cases: [{name, steps: [step, ...]}]}. The steps of a
// case run in order (create, then replay, ...); cases depend neither on each other nor on order.
// A step:
//   name?:    the step's answer is kept under this name for later steps' placeholders
//   request:  {method?: "POST", path?: "/api/v1/referrals", key?: SENDER, headers?,
//              body?: referral | {"$body": NAME, "$set": {"a.b": value}, "$unset": ["a.b"]},
//              body_text?: "raw" | {"$repeat": "x", "times": N}, content_type?,
//              session?: USER  (a signed-in member of staff's cookie instead of a key)}
//   expect:   {status, headers?: {name: value | matcher}, json_paths?: {"$.x": value | matcher},
//              json_subset?, body_text?: value | matcher, body_excludes?: ["text", ...],
//              stores?: N  (referrals stored by this step: 0 for a refusal, 1 for a create)}
// SENDER is one of the keys made in before() (see SENDERS), "revoked" (made and revoked before
// the server ever saw it) or "unknown" (never made). USER is a demo log-in (see USERS).
// Placeholders in strings: {{unique}} (this case's own token, for crime references and
// Idempotency-Keys, so no case meets another's referral), {{secret:SENDER}} (its API key, for an
// Authorization header written out in full), {{STEP.json.PATH}}, {{STEP.text}} and
// {{STEP.header.NAME}} (an earlier step's answer). A string that is only one placeholder takes
// the value's own type. Matchers: contracts/json_expect.mjs ($matches, $eq, $ne, $keys, ...).
//
// Every /api answer is also checked for: Access-Control-Allow-Origin: *, Cache-Control: no-store,
// X-Content-Type-Options: nosniff, an X-Request-Id, the content type (application/json, or
// application/problem+json from 400 on), no null anywhere, and for a problem: type, title and a
// status equal to the HTTP status, and a field, code and message for each of its errors.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { Browser } from '../../support/browser.mjs';
import { querySqlite, startServer, vg } from '../../support/server.mjs';
import { evalPath, findNulls, matchPaths, matchSubset, matchValue } from './contracts/json_expect.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const contractsDir = path.join(here, 'contracts', 'referrals');
const files = readdirSync(contractsDir).filter((f) => f.endsWith('.json')).sort();

// The senders, by the demo organisations they belong to; gm_police is an invented second force
// (made in before()), so a force outside its own force area can be tried.
const SENDERS = {
  police: '7a1c0e52-3d4b-4c1e-9f00-000000000003',     // Merseyside Police
  hub: '7a1c0e52-3d4b-4c1e-9f00-000000000002',        // Victim Care Merseyside hub
  rasa: '7a1c0e52-3d4b-4c1e-9f00-000000000004',       // RASA Merseyside
  opcc: '7a1c0e52-3d4b-4c1e-9f00-000000000005',       // the commissioner's office
  gm_police: '7a1c0e52-3d4b-4c1e-9f00-0000000000a6',  // invented Greater Manchester force
};
const USERS = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],  // the hub
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],  // RASA
};

// The server's clock starts here (and runs on in real time), so receipt dates, deadlines, ages
// and the year in references are known answers, whatever day the tests run.
const CLOCK_START = '2026-12-01T10:00:00Z';  // a Tuesday

let server;
const secrets = {};
const sessions = {};

function keyFrom(stdout) {
  const lines = stdout.trim().split('\n');
  return { id: lines[0].split(' ')[2], secret: lines[lines.length - 1].trim() };
}

const referralCount = () => Number(querySqlite(server, 'SELECT count(*) FROM referrals'));

async function session(user) {
  if (!sessions[user]) {
    const browser = new Browser(server.url);
    const r = await browser.trySignIn(...USERS[user]);
    assert.equal(r.status, 303, `signing in as ${user}`);
    sessions[user] = browser;
  }
  return sessions[user];
}

// ---- Placeholders ----

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

function lookup(expr, scope) {
  if (expr === 'unique') return scope.unique;
  if (expr.startsWith('secret:')) return secrets[expr.slice(7)];
  const [step, part, ...rest] = expr.split('.');
  const answer = scope.steps[step];
  if (!answer) return undefined;
  if (part === 'text') return answer.text;
  if (part === 'header') return answer.headers.get(rest.join('.')) ?? undefined;
  if (part === 'json') {
    const { values } = evalPath(answer.json, `$${rest.length ? `.${rest.join('.')}` : ''}`);
    return values[0];
  }
  return undefined;
}

function resolveString(value, scope) {
  const whole = value.match(/^\{\{([^{}]+)\}\}$/);
  if (whole) {
    const v = lookup(whole[1], scope);
    if (v === undefined) throw new Error(`placeholder ${value} names nothing (yet)`);
    return v;
  }
  return value.replace(PLACEHOLDER, (m, expr) => {
    const v = lookup(expr, scope);
    if (v === undefined) throw new Error(`placeholder ${m} names nothing (yet)`);
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function resolve(value, scope) {
  if (typeof value === 'string') return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((v) => resolve(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [resolveString(k, scope), resolve(v, scope)]));
  }
  return value;
}

// ---- Bodies ----

function setPath(target, dotted, value) {
  const keys = dotted.split('.');
  let o = target;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {});
  o[keys[keys.length - 1]] = value;
}

function unsetPath(target, dotted) {
  const keys = dotted.split('.');
  let o = target;
  for (const k of keys.slice(0, -1)) o = o?.[k];
  if (o) delete o[keys[keys.length - 1]];
}

function buildBody(spec, bodies, scope) {
  if (!spec || typeof spec !== 'object' || !('$body' in spec)) return resolve(spec, scope);
  const named = bodies[spec.$body];
  if (!named) throw new Error(`no body named ${spec.$body}`);
  const body = resolve(structuredClone(named), scope);
  for (const [k, v] of Object.entries(spec.$set ?? {})) setPath(body, k, resolve(v, scope));
  for (const k of spec.$unset ?? []) unsetPath(body, k);
  return body;
}

function bodyText(request, bodies, scope) {
  if (request.body_text !== undefined) {
    const t = request.body_text;
    if (t && typeof t === 'object' && '$repeat' in t) return t.$repeat.repeat(t.times);
    return resolve(t, scope);
  }
  if (request.body !== undefined) return JSON.stringify(buildBody(request.body, bodies, scope));
  return undefined;
}

// ---- One step ----

async function send(request, bodies, scope) {
  const method = request.method ?? 'POST';
  const target = resolve(request.path ?? '/api/v1/referrals', scope);
  const headers = {};
  const body = bodyText(request, bodies, scope);
  if (body !== undefined) headers['content-type'] = request.content_type ?? 'application/json';
  if (request.key === 'unknown') headers.authorization = 'Bearer vgk_not-a-real-key-000000000000';
  else if (request.key) {
    assert.ok(secrets[request.key], `no key for sender ${request.key}`);
    headers.authorization = `Bearer ${secrets[request.key]}`;
  }
  Object.assign(headers, resolve(request.headers ?? {}, scope));
  if (request.session) {
    const browser = await session(request.session);
    headers.cookie = Object.entries(browser.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  }
  const res = await fetch(server.url + target, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  return { status: res.status, headers: res.headers, text, json, target, method };
}

function generalErrors(answer) {
  const errors = [];
  if (!answer.target.startsWith('/api/')) return errors;
  const h = (name) => answer.headers.get(name);
  if (h('access-control-allow-origin') !== '*') errors.push('header Access-Control-Allow-Origin: expected *');
  if (h('cache-control') !== 'no-store') errors.push(`header Cache-Control: expected no-store, got ${h('cache-control')}`);
  if (h('x-content-type-options') !== 'nosniff') errors.push('header X-Content-Type-Options: expected nosniff');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(h('x-request-id') ?? '')) errors.push('header X-Request-Id: missing or malformed');
  const wantType = answer.status >= 400 ? 'application/problem+json' : 'application/json';
  if (!(h('content-type') ?? '').startsWith(wantType)) errors.push(`content-type: expected ${wantType}, got ${h('content-type')}`);
  if (answer.json === undefined) return [...errors, `body is not JSON: ${answer.text.slice(0, 200)}`];
  for (const p of findNulls(answer.json)) errors.push(`${p}: null (optional fields are left out)`);
  if (answer.status >= 400) {
    const body = answer.json;
    for (const k of ['type', 'title', 'status']) if (!(k in body)) errors.push(`problem: missing ${k}`);
    if (body.status !== answer.status) errors.push(`problem: status ${body.status} differs from HTTP ${answer.status}`);
    for (const e of body.errors ?? []) {
      if (!e.field || !e.code || !e.message) errors.push(`problem: an error lacks field, code or message: ${JSON.stringify(e)}`);
    }
  }
  return errors;
}

async function runStep(step, bodies, scope) {
  const stored = referralCount();
  const answer = await send(step.request, bodies, scope);
  const expect = resolve(step.expect, scope);
  const errors = [];
  if (answer.status !== expect.status) errors.push(`status: expected ${expect.status}, got ${answer.status}: ${answer.text.slice(0, 500)}`);
  errors.push(...generalErrors(answer));
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    errors.push(...matchValue(answer.headers.get(name) ?? undefined, want, `header ${name}`));
  }
  if (expect.body_text !== undefined) {
    const want = expect.body_text?.$eq;
    if (typeof want === 'string' && want !== answer.text) {
      // Byte for byte: say where the two first differ, not just that they do.
      let at = 0;
      while (at < want.length && want[at] === answer.text[at]) at += 1;
      errors.push(`body text differs from the expected at character ${at}: expected …${JSON.stringify(want.slice(at, at + 80))}, got …${JSON.stringify(answer.text.slice(at, at + 80))}`);
    } else {
      errors.push(...matchValue(answer.text, expect.body_text, 'body text'));
    }
  }
  for (const secret of expect.body_excludes ?? []) {
    if (answer.text.includes(secret)) errors.push(`body must not hold ${JSON.stringify(secret)}`);
  }
  if (expect.json_subset || expect.json_paths) {
    if (answer.json === undefined) errors.push('body is not JSON');
    else {
      if (expect.json_subset) errors.push(...matchSubset(answer.json, expect.json_subset, '$', { root: answer.json }));
      if (expect.json_paths) errors.push(...matchPaths(answer.json, expect.json_paths));
    }
  }
  if (expect.stores !== undefined) {
    const added = referralCount() - stored;
    if (added !== expect.stores) errors.push(`stored ${added} referral(s), expected ${expect.stores}`);
  }
  const where = `${step.name ?? 'step'}: ${answer.method} ${answer.target}`;
  assert.deepEqual(errors, [], `${where}\n  ${errors.join('\n  ')}`);
  if (step.name) scope.steps[step.name] = answer;
}

describe('POST /api/v1/referrals contracts', () => {
  before(async () => {
    server = await startServer({
      env: { VG_CLOCK_START: CLOCK_START },
      before: [['users', 'create-organisation', '--id', SENDERS.gm_police, '--name', 'Invented GM Police',
        '--kind', 'police', '--force-codes', 'E23000005']],
    });
    for (const [who, org] of Object.entries(SENDERS)) {
      secrets[who] = keyFrom(vg(['api-keys', 'create', '--org', org, '--label', `contract ${who}`], server.env).stdout).secret;
    }
    // Revoked before the server ever saw it, so no second of trust is left to wait out.
    const revoked = keyFrom(vg(['api-keys', 'create', '--org', SENDERS.police], server.env).stdout);
    vg(['api-keys', 'revoke', revoked.id], server.env);
    secrets.revoked = revoked.secret;
  }, { timeout: 300_000 });
  after(async () => { await server?.stop(); });

  let caseNumber = 0;
  for (const file of files) {
    const { bodies = {}, cases } = JSON.parse(readFileSync(path.join(contractsDir, file), 'utf8'));
    describe(file, () => {
      for (const c of cases) {
        const unique = `${process.pid}-${++caseNumber}`;
        test(c.name, async () => {
          const scope = { unique, steps: {} };
          for (const step of c.steps) await runStep(step, bodies, scope);
        });
      }
    });
  }
});
