// HTTP contract tests as data: every tests/integration/http/contracts/*.json file is a list of
// cases {name, request, expect} run against a real server with the demo directory loaded.
//
// A case:
//   request: {method?: "GET", path, query?: {name: value | [values]}, query_string?: "raw", headers?}
//   expect:  {status, headers?: {name: value | matcher}, json_subset?, json_paths?: {"$.x": value | matcher},
//             each_item?: subset or path map for every item of `contents`,
//             each_item_detail?: {path: "/api/v1/services/{id}", json_paths}  (fetched per item),
//             problem_fields?: ["page", ...]  (errors[].field of a problem+json body)}
// Strings may hold placeholders resolved from the running API by name: {{service:NAME}},
// {{organization:NAME}}, {{taxonomy:NAME}}, {{term:NAME-or-code}}, {{sal:SERVICE NAME}}; and facts
// of a list as the server gives them: {{pages:URL}}, {{total:URL}}, {{middle:URL}}, {{beyond:URL}}
// (total_pages, total_items, total_pages/2, total_pages+1), {{first_ids:URL}} (ids on that page), so paging needs no hard-coded counts.
// Matchers: see contracts/json_expect.mjs ($gte, $len, $includes, $every, $eq_path, ...).
//
// Every /api response is also checked for: Access-Control-Allow-Origin: *, the content type
// (application/json, or application/problem+json for errors), no null anywhere, and the page
// envelope rules whenever the body has `contents`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { sourceDir, startServer } from '../../support/server.mjs';
import { envelopeErrors, findNulls, matchPaths, matchSubset, matchValue } from './contracts/json_expect.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const contractsDir = path.join(here, 'contracts');
const files = readdirSync(contractsDir).filter((f) => f.endsWith('.json')).sort();

let server;
let names;  // placeholder kind -> Map(name -> id)

async function getJson(url) {
  const res = await fetch(url);
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = undefined; }
  return { res, text, body };
}

// Every item of a paged list, following pages until last_page.
async function walk(listPath) {
  const items = [];
  for (let page = 1; page < 10_000; ++page) {
    const { res, body } = await getJson(`${server.url}${listPath}?per_page=100&page=${page}`);
    assert.equal(res.status, 200, `GET ${listPath} page ${page}`);
    items.push(...body.contents);
    if (body.last_page || body.contents.length === 0) break;
  }
  return items;
}

async function indexNames() {
  const index = { service: new Map(), organization: new Map(), taxonomy: new Map(), term: new Map(), sal: new Map() };
  const serviceNames = new Map();
  for (const s of await walk('/api/v1/services')) { index.service.set(s.name, s.id); serviceNames.set(s.id, s.name); }
  for (const o of await walk('/api/v1/organizations')) index.organization.set(o.name, o.id);
  for (const t of await walk('/api/v1/taxonomies')) index.taxonomy.set(t.name, t.id);
  for (const t of await walk('/api/v1/taxonomy_terms')) {
    for (const key of [t.name, t.code, t.term]) if (key && !index.term.has(key)) index.term.set(key, t.id);
  }
  for (const sal of await walk('/api/v1/service_at_locations')) {
    const name = sal.service?.name ?? serviceNames.get(sal.service_id);
    if (name && !index.sal.has(name)) index.sal.set(name, sal.id);
  }
  return index;
}

// {{pages:/api/v1/services?per_page=2}} and {{total:...}}: total_pages / total_items of a list as
// the server reports them now, so paging cases name "the last page" without hard-coding counts.
const listFacts = new Map();
async function listFact(kind, target) {
  if (!listFacts.has(target)) {
    const { res, body } = await getJson(`${server.url}${target}`);
    assert.equal(res.status, 200, `placeholder list ${target}`);
    listFacts.set(target, body);
  }
  const body = listFacts.get(target);
  if (kind === 'pages') return body.total_pages;
  if (kind === 'total') return body.total_items;
  if (kind === 'beyond') return body.total_pages + 1;
  if (kind === 'middle') return Math.max(1, Math.floor(body.total_pages / 2));
  if (kind === 'first_ids') return body.contents.map((item) => item.id);
  throw new Error(`unknown list placeholder ${kind}`);
}

const PLACEHOLDER = /\{\{(\w+):([^}]+)\}\}/g;
async function resolveString(value) {
  const parts = [];
  let last = 0;
  for (const m of value.matchAll(PLACEHOLDER)) {
    const [whole, kind, key] = m;
    let v;
    if (['pages', 'total', 'beyond', 'middle', 'first_ids'].includes(kind)) v = await listFact(kind, key);
    else v = names[kind]?.get(key);
    if (v === undefined) throw new Error(`placeholder ${whole} names nothing in the demo directory`);
    // A value that is only a numeric (or list) placeholder keeps its type, for json_paths.
    if (whole === value && typeof v !== 'string') return v;
    parts.push(value.slice(last, m.index), String(v));
    last = m.index + whole.length;
  }
  parts.push(value.slice(last));
  return parts.join('');
}

async function resolve(value) {
  if (typeof value === 'string') return resolveString(value);
  if (Array.isArray(value)) return Promise.all(value.map(resolve));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[await resolveString(k)] = await resolve(v);
    return out;
  }
  return value;
}

function buildUrl(request) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  }
  let qs = params.toString();
  if (request.query_string) qs = qs ? `${qs}&${request.query_string}` : request.query_string;
  return `${server.url}${request.path}${qs ? `?${qs}` : ''}`;
}

async function runCase(rawCase) {
  const c = await resolve(rawCase);
  const { request, expect } = c;
  const url = buildUrl(request);
  const res = await fetch(url, { method: request.method ?? 'GET', headers: request.headers ?? {} });
  const text = await res.text();
  const errors = [];
  const where = `${request.method ?? 'GET'} ${url.slice(server.url.length)}`;

  if (res.status !== expect.status) errors.push(`status: expected ${expect.status}, got ${res.status}: ${text.slice(0, 500)}`);

  const contentType = res.headers.get('content-type') ?? '';
  let body;
  if (request.path.startsWith('/api/')) {
    if (res.headers.get('access-control-allow-origin') !== '*') errors.push('header Access-Control-Allow-Origin: expected *');
    const wantType = res.status >= 400 ? 'application/problem+json' : 'application/json';
    if (!contentType.startsWith(wantType)) errors.push(`content-type: expected ${wantType}, got ${contentType}`);
  }
  if (contentType.includes('json')) {
    try { body = JSON.parse(text); } catch (e) { errors.push(`body is not JSON: ${e.message}`); }
  }
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    errors.push(...matchValue(res.headers.get(name) ?? undefined, want, `header ${name}`));
  }

  if (body !== undefined) {
    for (const p of findNulls(body)) errors.push(`${p}: null (optional fields must be left out)`);
    if (expect.json_subset) errors.push(...matchSubset(body, expect.json_subset, '$', { root: body }));
    if (expect.json_paths) errors.push(...matchPaths(body, expect.json_paths));
    if (res.status === 200 && Array.isArray(body.contents)) {
      const page = Number(request.query?.page || 1);
      const perPage = Number(request.query?.per_page || 50);
      errors.push(...envelopeErrors(body, page, perPage));
    }
    if (expect.each_item) {
      const items = Array.isArray(body.contents) ? body.contents : [];
      items.forEach((item, i) => {
        const pathMap = Object.keys(expect.each_item).every((k) => k.startsWith('$'));
        errors.push(...(pathMap ? matchPaths(item, expect.each_item, `contents[${i}]`) : matchSubset(item, expect.each_item, `contents[${i}]`)));
      });
    }
    if (expect.each_item_detail) {
      for (const item of body.contents ?? []) {
        const detailPath = expect.each_item_detail.path.replace('{id}', item.id);
        const detail = await getJson(`${server.url}${detailPath}`);
        if (detail.res.status !== 200) { errors.push(`${detailPath}: status ${detail.res.status}`); continue; }
        errors.push(...matchPaths(detail.body, expect.each_item_detail.json_paths, `${detailPath} `));
      }
    }
    if (expect.problem_fields) {
      for (const k of ['type', 'title', 'status']) if (!(k in body)) errors.push(`problem: missing ${k}`);
      if (body.status !== res.status) errors.push(`problem: status ${body.status} differs from HTTP ${res.status}`);
      const fields = (body.errors ?? []).map((e) => e.field);
      for (const f of expect.problem_fields) if (!fields.includes(f)) errors.push(`problem: errors[].field lacks ${f} (has ${JSON.stringify(fields)})`);
      for (const e of body.errors ?? []) if (!e.code || !e.message) errors.push(`problem: error for ${e.field} lacks code or message`);
    }
  }
  assert.deepEqual(errors, [], `${where}\n  ${errors.join('\n  ')}`);
}

describe('HTTP contracts', () => {
  before(async () => {
    // Three more (invented) taxonomies, so taxonomy paging has a middle page to check.
    const fixture = path.join(sourceDir, 'tests/integration/http/fixtures/more_taxonomies.json');
    server = await startServer({ before: [['import-directory', fixture]] });
    names = await indexNames();
  });
  after(async () => { await server?.stop(); });

  for (const file of files) {
    const cases = JSON.parse(readFileSync(path.join(contractsDir, file), 'utf8'));
    describe(file, () => {
      for (const c of cases) test(c.name, () => runCase(c));
    });
  }
});
