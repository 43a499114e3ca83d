// The directory API's query parameters against the two specifications and docs/api/openapi.yaml:
// - every parameter HSDS 3.0 core (data/hsds/openapi.json) or ORUK 3.0
//   (data/hsds/oruk/openapi-3.0.json) declares for an endpoint is documented for it in
//   docs/api/openapi.yaml, and the server knows it there: it works, or it is refused with 400
//   `not_supported`; never ignored;
// - every parameter the document lists is known to the server, and the list a 400 for an unknown
//   parameter gives ("it takes: …") is exactly the documented ones the server honours;
// - any other parameter (`text`, `q`, a typo) is a 400 problem naming it, on every endpoint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

import { sourceDir, startServer } from '../../support/server.mjs';

const readJson = (file) => JSON.parse(readFileSync(path.join(sourceDir, file), 'utf8'));
const docs = YAML.parse(readFileSync(path.join(sourceDir, 'docs/api/openapi.yaml'), 'utf8'));

// GET query parameters by path in an OpenAPI document (resolving #/components/parameters refs).
function queryParameters(spec, pathItem) {
  const resolve = (p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p);
  const all = [...(pathItem.parameters ?? []), ...(pathItem.get?.parameters ?? [])].map(resolve);
  return all.filter((p) => p.in === 'query').map((p) => p.name);
}

// Path of the specifications → path served here.
const served = (specPath) => (specPath === '/' ? '/api/v1/' : `/api/v1${specPath}`);

const specified = new Map();  // served path → Set of names HSDS or ORUK declare
for (const file of ['data/hsds/openapi.json', 'data/hsds/oruk/openapi-3.0.json']) {
  const spec = readJson(file);
  for (const [p, item] of Object.entries(spec.paths)) {
    if (!item?.get) continue;
    const names = specified.get(served(p)) ?? new Set();
    for (const name of queryParameters(spec, item)) names.add(name);
    specified.set(served(p), names);
  }
}

const documented = new Map();  // served path → names docs/api/openapi.yaml lists
for (const [p, item] of Object.entries(docs.paths)) {
  // The directory's public reads; a sender's own referral (an API key) takes no query parameters.
  const public_ = item.get && !(item.get.security ?? []).length;
  if (p.startsWith('/api/v1') && p !== '/api/v1' && public_) documented.set(p, queryParameters(docs, item));
}

let server;
const ids = new Map();

async function concrete(p) {
  if (!p.includes('{id}')) return p;
  const list = p.replace('/{id}', '');
  if (!ids.has(list)) {
    const body = await (await fetch(`${server.url}${list}?per_page=1`)).json();
    ids.set(list, body.contents[0].id);
  }
  return p.replace('{id}', ids.get(list));
}

async function ask(p, query) {
  const res = await fetch(`${server.url}${await concrete(p)}?${new URLSearchParams(query)}`);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, type: res.headers.get('content-type') ?? '' };
}

// What the server says about one parameter given a harmless-looking value: 'ok', or its code.
async function verdict(p, name) {
  const { status, body } = await ask(p, { [name]: 'x' });
  if (status === 200) return 'ok';
  assert.equal(status, 400, `${p}?${name}=x answered ${status}`);
  return body.errors.find((e) => e.field === name)?.code ?? `no error for ${name}`;
}

describe('directory API parameters', () => {
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  test('both specifications were read', () => {
    assert.ok(specified.get('/api/v1/services').has('search'));
    assert.ok(specified.get('/api/v1/services').has('minimum_age'), 'ORUK');
    assert.ok(specified.get('/api/v1/services').has('modified_after'), 'HSDS');
    assert.ok(specified.get('/api/v1/service_at_locations').has('proximity'));
  });

  for (const [p, names] of specified) {
    test(`${p}: what the specifications declare is documented and known`, async () => {
      assert.ok(documented.has(p), `docs/api/openapi.yaml does not document ${p}`);
      for (const name of names) {
        assert.ok(documented.get(p).includes(name), `docs/api/openapi.yaml does not list ${name} for ${p}`);
        assert.notEqual(await verdict(p, name), 'unknown_parameter', `${p} does not know ${name}`);
      }
    });
  }

  for (const p of documented.keys()) {
    test(`${p}: unknown parameters are refused, naming them and listing what it takes`, async () => {
      for (const name of ['text', 'q', 'utm_source']) {
        const { status, body, type } = await ask(p, { [name]: 'stalking' });
        assert.equal(status, 400, `${p}?${name}= answered ${status}`);
        assert.match(type, /^application\/problem\+json/);
        assert.equal(body.errors.length, 1);
        assert.equal(body.errors[0].field, name);
        assert.equal(body.errors[0].code, 'unknown_parameter');
        assert.match(body.errors[0].message, new RegExp(`^${name} is not a parameter of `));
      }
      const { body } = await ask(p, { utm_source: 'x' });
      const message = body.errors[0].message;
      const takes = message.includes('takes no query parameters') ? [] : message.split('it takes: ')[1].split(', ');
      const honoured = [];
      for (const name of documented.get(p)) {
        const v = await verdict(p, name);
        assert.notEqual(v, 'unknown_parameter', `${p} documents ${name} but does not know it`);
        if (v !== 'not_supported' || name === 'format') honoured.push(name);
      }
      assert.deepEqual([...takes].sort(), [...honoured].sort(), `${p}: the 400's list and the documented parameters differ`);
    });
  }
});
