// Does what the Open Referral UK validator does (data/hsds/ORUK-CHECKS.md) against a real server:
// reads the version from /api/v1/, walks every endpoint of ORUK 3.0 (plus HSDS /organizations)
// at page 1, the middle page and the last page, then /{id} for the ids in those pages, and
// validates every body with a JSON Schema 2020-12 validator against the ORUK 3.0 schemas, the
// page envelope rules of §4, CORS, and "optional fields are left out, never null". Zero errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { binary, sourceDir, startServer } from '../../support/server.mjs';
import { envelopeErrors, findNulls } from './contracts/json_expect.mjs';

const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
const orukDir = path.join(sourceDir, 'data/hsds/oruk');
const openapi = JSON.parse(readFileSync(path.join(orukDir, 'openapi-3.0.json'), 'utf8'));

// Registers every ORUK schema under the URL the OpenAPI file refers to it by, so $refs (both
// the OpenAPI's absolute ones and the schemas' relative "attribute.json") resolve offline.
function makeAjv() {
  // strict: false because the ORUK schemas carry Frictionless Data keywords (name, constraints,
  // core, example, datapackage_metadata) that are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemaDir = path.join(orukDir, 'schema');
  for (const rel of [...readdirSync(schemaDir).filter((f) => f.endsWith('.json')),
    ...readdirSync(path.join(schemaDir, 'compiled')).map((f) => `compiled/${f}`)]) {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, rel), 'utf8'));
    ajv.addSchema({ ...schema, $id: SCHEMA_BASE + rel });
  }
  ajv.addSchema({ ...openapi.components.schemas.Page, $id: 'urn:oruk:page' });
  const details = JSON.parse(readFileSync(path.join(orukDir, 'validator/V3.0-UK_api_details.schema.json'), 'utf8'));
  ajv.addSchema({ ...details, $id: 'urn:oruk:api_details' });
  return ajv;
}

// The response schema the ORUK OpenAPI declares for a path, with its refs made ours.
function responseSchema(specPath) {
  const schema = openapi.paths[specPath].get.responses['200'].content['application/json'].schema;
  return JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/Page', 'urn:oruk:page'));
}

// ORUK 3.0 has no /organizations; HSDS 3.0 does (ORUK-CHECKS §2). The UK profile's organization
// schema is the closest offline schema for its items.
const ORGANIZATION = { $ref: `${SCHEMA_BASE}organization.json` };
const ENDPOINTS = [
  { list: '/services', one: '/services/{id}' },
  { list: '/taxonomies', one: '/taxonomies/{id}' },
  { list: '/taxonomy_terms', one: '/taxonomy_terms/{id}' },
  { list: '/service_at_locations', one: '/service_at_locations/{id}' },
  {
    list: '/organizations',
    one: '/organizations/{id}',
    listSchema: { allOf: [{ $ref: 'urn:oruk:page' }], properties: { contents: { type: 'array', items: ORGANIZATION } } },
    oneSchema: ORGANIZATION,
  },
];

// Uses the demo generator's extra services when it has them, so every list has several pages.
function demoArgs() {
  const help = spawnSync(binary, ['demo-data', '--help'], { encoding: 'utf8' });
  return `${help.stdout}${help.stderr}`.includes('--services') ? ['--services', '300'] : [];
}

let server;
let ajv;
const problems = [];  // every error, reported together at the end
const timings = [];

async function get(apiPath) {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1${apiPath}`);
  const text = await res.text();
  timings.push(performance.now() - started);
  let body;
  try { body = JSON.parse(text); } catch { /* reported below */ }
  const where = `GET /api/v1${apiPath}`;
  if (res.status < 200 || res.status > 299) problems.push(`${where}: status ${res.status} ${text.slice(0, 300)}`);
  if (body === undefined) problems.push(`${where}: body is not JSON`);
  if (res.headers.get('access-control-allow-origin') !== '*') problems.push(`${where}: no Access-Control-Allow-Origin: *`);
  if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) problems.push(`${where}: content-type ${res.headers.get('content-type')}`);
  if (body !== undefined) for (const p of findNulls(body)) problems.push(`${where}: ${p} is null (leave optional fields out)`);
  return { where, body };
}

const compiled = new Map();
function validate(where, schema, body) {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
  const check = compiled.get(key);
  if (!check(body)) {
    for (const e of check.errors) {
      problems.push(`${where}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)} (schema ${e.schemaPath})`);
    }
  }
}

// Page 1, then (as the validator does) total_pages/2 when there are more than 2 pages and the
// last page when there is more than 1; returns the ids in every page fetched.
async function walkList(endpoint, schema, perPage) {
  const query = (page) => `${endpoint.list}?page=${page}${perPage ? `&per_page=${perPage}` : ''}`;
  const first = await get(query(1));
  if (!first.body) return [];
  validate(first.where, schema, first.body);
  problems.push(...envelopeErrors(first.body, 1, perPage ?? 50).map((e) => `${first.where}: ${e}`));
  const pages = [first];
  const total = first.body.total_pages;
  if (first.body.total_items === 0) problems.push(`${first.where}: empty feed (the validator warns EMPTY_FEED_WARNING)`);
  const more = [];
  if (total > 2) more.push(Math.floor(total / 2));
  if (total > 1) more.push(total);
  for (const page of more) {
    const r = await get(query(page));
    if (!r.body) continue;
    validate(r.where, schema, r.body);
    problems.push(...envelopeErrors(r.body, page, perPage ?? 50).map((e) => `${r.where}: ${e}`));
    pages.push(r);
  }
  return { total, ids: pages.flatMap((p) => (p.body.contents ?? []).map((item) => item.id)) };
}

describe('Open Referral UK 3.0 conformance', () => {
  before(async () => {
    ajv = makeAjv();
    server = await startServer({ demoArgs: demoArgs() });
  });
  after(async () => { await server?.stop(); });

  test('the root document names ORUK 3.0', async () => {
    const { where, body } = await get('/');
    assert.ok(body, 'root is JSON');
    validate(where, { $ref: 'urn:oruk:api_details' }, body);
    // The validator strips "HSDS-UK-" and V/v, then parses a number (ORUK-CHECKS §1).
    const version = Number.parseFloat(String(body.version).replace('HSDS-UK-', '').replace(/[Vv]/g, ''));
    assert.equal(version, 3.0, `version ${body.version} must read as 3.0`);
    assert.equal(body.version, 'HSDS-UK-3.0');
    assert.ok(body.openapi_url.endsWith('/api/openapi.yaml'));
    // GET <baseUrl> without the slash gives the same document.
    const bare = await fetch(`${server.url}/api/v1`);
    assert.equal(bare.status, 200);
    assert.deepEqual(await bare.json(), body);
  });

  for (const endpoint of ENDPOINTS) {
    test(`${endpoint.list} and ${endpoint.one} validate`, async () => {
      const before = problems.length;
      const listSchema = endpoint.listSchema ?? responseSchema(endpoint.list);
      const oneSchema = endpoint.oneSchema ?? responseSchema(endpoint.one);
      // As the current validator does (page only), then as the older one did (per_page=5).
      const current = await walkList(endpoint, listSchema, undefined);
      const older = await walkList(endpoint, listSchema, 5);
      const ids = [...new Set([...(current.ids ?? []), ...(older.ids ?? [])])];
      assert.ok(ids.length > 0, `${endpoint.list} gave no ids to follow`);
      for (const id of ids) {
        const r = await get(endpoint.one.replace('{id}', encodeURIComponent(id)));
        if (!r.body) continue;
        validate(r.where, oneSchema, r.body);
        if (r.body.id !== id) problems.push(`${r.where}: id ${r.body.id} is not the one asked for`);
      }
      const mine = problems.slice(before);
      assert.deepEqual(mine, [], `${mine.length} errors:\n  ${mine.join('\n  ')}`);
    });
  }

  test('the services list has several pages to walk', async () => {
    const { body } = await get('/services?page=1');
    assert.ok(body.total_pages > 2, `total_pages ${body.total_pages}: load more demo services`);
  });

  test('average response time is well under the validator\'s 5 s warning', () => {
    const mean = timings.reduce((a, b) => a + b, 0) / Math.max(timings.length, 1);
    assert.ok(mean < 500, `mean ${mean.toFixed(1)} ms over ${timings.length} requests`);
  });
});
