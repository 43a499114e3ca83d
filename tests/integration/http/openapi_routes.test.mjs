// docs/api/openapi.yaml against the running server: every documented GET answers (with real ids
// in place of {id}), the served /api/openapi.yaml is that file, and paths it does not list are
// not served. The other direction (every registered route is documented) is checked from the
// router itself by tests/unit/http/api/openapi_routes_test.cpp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import YAML from 'yaml';

import { sourceDir, startServer } from '../../support/server.mjs';

const yamlText = readFileSync(path.join(sourceDir, 'docs/api/openapi.yaml'), 'utf8');
const spec = YAML.parse(yamlText);

let server;

// A real id for a /{id} path: the first item of its list.
async function realId(itemPath) {
  const listPath = itemPath.replace(/\/\{id\}$/, '');
  const res = await fetch(`${server.url}${listPath}?per_page=1`);
  assert.equal(res.status, 200, `GET ${listPath}`);
  const body = await res.json();
  assert.ok(body.contents?.length > 0, `${listPath} is empty, so ${itemPath} cannot be probed`);
  return body.contents[0].id;
}

describe('docs/api/openapi.yaml matches the server', () => {
  before(async () => { server = await startServer(); });
  after(async () => { await server?.stop(); });

  // Reads are GET; the writes are POST /api/v1/referrals (a create: 201), a partner's answer
  // to an onward referral (a versioned change: 200, and 412 / 428 for If-Match), and a signed-in
  // person's legal holds on a case (placing one: 201 / 422; lifting it: 200).
  const getPaths = Object.keys(spec.paths).filter((p) => spec.paths[p].get);
  const postPaths = Object.keys(spec.paths).filter((p) => spec.paths[p].post);

  test('is OpenAPI 3.1 and documents GET routes, and POST only for referrals, with responses', () => {
    assert.match(spec.openapi, /^3\.1\./);
    for (const [p, item] of Object.entries(spec.paths)) {
      const methods = Object.keys(item);
      assert.ok(methods.length >= 1 && methods.every((m) => m === 'get' || m === 'post'), `${p} documents ${methods}`);
      if (item.get) assert.ok(item.get.responses['200'], `${p} documents its 200`);
      if (item.post && (p === '/api/v1/referrals' || p === '/api/v1/cases/{id}/holds')) {
        assert.ok(item.post.responses['201'] && item.post.responses['422'], `${p} documents 201 and 422`);
      } else if (item.post && p === '/api/v1/cases/{id}/holds/{hold_id}/lift') {
        assert.ok(item.post.responses['200'] && item.post.responses['404'], `${p} documents 200 and 404`);
      } else if (item.post) {
        for (const code of ['200', '412', '422', '428']) assert.ok(item.post.responses[code], `${p} documents ${code}`);
        assert.ok(item.post.parameters.some((x) => x.in === 'header' && x.name === 'If-Match' && x.required), `${p} requires If-Match`);
      }
    }
    assert.deepEqual(postPaths, ['/api/v1/referrals', '/api/v1/onward-referrals/{id}/answer',
      '/api/v1/cases/{id}/holds', '/api/v1/cases/{id}/holds/{hold_id}/lift']);
  });

  // A POST that wants an API key refuses a caller without one (401); one for a signed-in person
  // (legal holds) refuses a caller signed out (403).
  for (const p of postPaths) {
    const bySessionPost = (spec.paths[p].post.security ?? []).some((s) => 'sessionCookie' in s);
    const [want, by] = bySessionPost ? [403, 'a session'] : [401, 'an API key'];
    test(`POST ${p} is served (and wants ${by})`, async () => {
      const res = await fetch(`${server.url}${p.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await res.arrayBuffer();
      assert.equal(res.status, want);
      assert.ok(spec.paths[p].post.responses[String(want)], `${p} documents its ${want}`);
    });
  }

  // A GET that wants an API key (a sender's own referral) is served, and refuses a caller
  // without one (401); one for a signed-in person (insight) refuses a caller signed out as every
  // staff route does (403). What it answers when let in is its own endpoint's test.
  const secured = (p) => (spec.paths[p].get.security ?? []).length > 0;
  const bySession = (p) => (spec.paths[p].get.security ?? []).some((s) => 'sessionCookie' in s);
  for (const p of getPaths.filter(secured)) {
    const [want, by] = bySession(p) ? [403, 'a session'] : [401, 'an API key'];
    test(`GET ${p} is served (and wants ${by})`, async () => {
      const res = await fetch(`${server.url}${p.replace('{id}', '00000000-0000-4000-8000-000000000000')}`);
      await res.arrayBuffer();
      assert.equal(res.status, want);
      assert.ok(spec.paths[p].get.responses[String(want)], `${p} documents its ${want}`);
    });
  }

  for (const p of getPaths.filter((x) => !secured(x))) {
    test(`GET ${p} is served`, async () => {
      const concrete = p.includes('{id}') ? p.replace('{id}', await realId(p)) : p;
      const res = await fetch(`${server.url}${concrete}`);
      await res.arrayBuffer();
      assert.equal(res.status, 200, `GET ${concrete} answered ${res.status}`);
      if (p.startsWith('/api/')) assert.equal(res.headers.get('access-control-allow-origin'), '*');
      for (const [code, response] of Object.entries(spec.paths[p].get.responses)) {
        if (code !== '200' || !response.content) continue;
        const types = Object.keys(response.content);
        const got = (res.headers.get('content-type') ?? '').split(';')[0].trim();
        assert.ok(types.includes(got), `${p}: content-type ${got} is not one of ${types.join(', ')}`);
      }
    });
  }

  test('GET /api/openapi.yaml serves this file', async () => {
    const res = await fetch(`${server.url}/api/openapi.yaml`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), yamlText);
  });

  test('API paths it does not list are not served', async () => {
    for (const p of ['/api/v1/locations', '/api/v1/services/{id}/extra', '/api/v2/services', '/api/v1/service']) {
      const res = await fetch(`${server.url}${p.replace('{id}', '00000000-0000-4000-8000-000000000000')}`);
      await res.arrayBuffer();
      assert.equal(res.status, 404, `${p} answered ${res.status}`);
    }
  });
});
