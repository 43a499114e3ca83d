// The directory's command-line tools against a real server and database: import-postcodes (ONS
// layout, with a bad file changing nothing), and import-directory / export-directory round trips.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, sourceDir, startServer, vg } from '../../support/server.mjs';

let server;
const fixture = (name) => path.join(sourceDir, 'tests/fixtures', name);

function run(args) {
  return spawnSync(binary, args, { env: { ...process.env, ...server.env }, encoding: 'utf8', timeout: 120_000 });
}

async function getJson(p) {
  const res = await fetch(`${server.url}${p}`);
  return { status: res.status, body: await res.json() };
}

before(async () => { server = await startServer(); }, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('import-postcodes', () => {
  test('a bad file is reported by line and column and loads nothing', async () => {
    const r = run(['import-postcodes', fixture('onspd_broken.csv')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 3, postcode: is not a UK postcode/);
    assert.match(r.stderr, /line 4, lad: is not a local authority GSS code/);
    assert.match(r.stderr, /nothing was imported/);
    // Its one good row was not loaded either: postcode search is still unavailable.
    const { status, body } = await getJson('/api/v1/services?postcode=L1%208JQ');
    assert.equal(status, 400);
    assert.equal(body.errors[0].code, 'postcode_lookup_unavailable');
  });

  test('a file without the ONS columns is refused', () => {
    const bad = path.join(server.dir, 'no-columns.csv');
    writeFileSync(bad, 'postcode,district\nL1 8JQ,Liverpool\n');
    const r = run(['import-postcodes', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line 1/);
    assert.match(r.stderr, /no postcode column/);
  });

  test('an ONSPD file loads, and postcode search then finds the area', async () => {
    const r = vg(['import-postcodes', fixture('onspd_sample.csv')], server.env);
    assert.match(r.stdout, /imported: 3 postcodes \(1 without a local authority skipped\)/);
    const byPostcode = await getJson('/api/v1/services?postcode=l18jq&per_page=100');
    const byArea = await getJson('/api/v1/services?local_authority=E08000012&per_page=100');
    assert.equal(byPostcode.status, 200);
    assert.ok(byPostcode.body.total_items > 0);
    assert.deepEqual(byPostcode.body.contents.map((s) => s.id), byArea.body.contents.map((s) => s.id));
    const unknown = await getJson('/api/v1/services?postcode=ZZ99%209ZZ');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].code, 'unknown_postcode');
    // Loading the same file again changes nothing.
    assert.match(vg(['import-postcodes', fixture('onspd_sample.csv')], server.env).stdout, /imported: 3 postcodes/);
  });
});

describe('a confidential location (a refuge)', () => {
  test('is never stored, served by the API or shown: only its front door is', async () => {
    const service = '5d0bb47e-3f6f-4a5c-9b0c-0c7a1d2e3f41';
    const house = '8a3ee7a1-6c9c-4d8f-8e3f-3fad4a5b6c74';
    const file = path.join(server.dir, 'refuge.json');
    writeFileSync(file, JSON.stringify({ contents: [{
      id: service, name: 'Invented Refuge', status: 'active', url: 'https://refuge.example.org',
      description: 'A safe place to stay (invented)',
      organization: { id: '6e1cc58f-4a7a-4b6d-8c1d-1d8b2e3f4a52', name: 'Invented Refuges', description: 'D' },
      phones: [{ id: '7f2dd690-5b8b-4c7e-9d2e-2e9c3f4a5b63', number: '0151 496 0999' }],
      service_at_locations: [{ id: house, service_id: service, location_id: house, location: {
        id: house, location_type: 'physical', name: 'Invented Refuge House', latitude: 53.41, longitude: -2.98,
        addresses: [{ id: 'ab5009c3-8ebe-4fa1-8a51-5bcf6c7d8e96', address_1: '1 Invented Street', city: 'Liverpool',
          state_province: 'Merseyside', postal_code: 'L1 0AA', country: 'GB', address_type: 'physical' }] } }],
      // The taxonomy's record note (config/taxonomy/victim-support.json).
      attributes: [{ id: 'de8332f6-b1e1-4cd4-9d84-8ef29fa0b1c9', link_id: service, link_type: 'record_note',
        link_entity: 'service', taxonomy_term_id: '5b0c8e3a-7f21-4d6e-a8c4-2e9f1d3b6a70' }],
    }] }));
    const r = run(['import-directory', file]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const answers = [
      JSON.stringify((await getJson(`/api/v1/services/${service}`)).body),
      JSON.stringify((await getJson(`/api/v1/service_at_locations?per_page=100&text=refuge`)).body),
      JSON.stringify((await getJson(`/api/v1/service_at_locations/${house}`)).body),
      run(['export-directory']).stdout,
    ];
    for (const answer of answers) {
      for (const secret of ['Invented Street', 'L1 0AA', 'Refuge House', '53.41']) {
        assert.doesNotMatch(answer, new RegExp(secret), `${secret} in ${answer.slice(0, 200)}`);
      }
    }
    const served = (await getJson(`/api/v1/services/${service}`)).body;
    assert.equal(served.service_at_locations.length, 1);
    assert.equal(served.service_at_locations[0].location.location_type, 'virtual');
    assert.equal(served.phones[0].number, '0151 496 0999', 'the front door stays');
    const page = await fetch(`${server.url}/find-support/services/${service}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /id="confidential-location"/);
    assert.match(html, /0151 496 0999/);
    assert.doesNotMatch(html, /Invented Street|L1 0AA/);
  });
});

describe('import-directory and export-directory', () => {
  test('the exported directory imports into an empty database and exports the same', () => {
    const first = vg(['export-directory'], server.env).stdout;
    const parsed = JSON.parse(first);
    assert.ok(parsed.services.length >= 40);
    const file = path.join(server.dir, 'export.json');
    vg(['export-directory', file], server.env);
    assert.equal(readFileSync(file, 'utf8'), first);

    const empty = { ...server.env, VG_DATABASE_URL: `sqlite:${path.join(server.dir, 'copy.db')}` };
    vg(['migrate'], empty);
    assert.match(vg(['import-directory', file], empty).stdout, /imported: \d+ organizations, \d+ services/);
    assert.equal(vg(['export-directory'], empty).stdout, first);
  });

  test('services imported with nested service-at-locations export and re-import the same', () => {
    // ORUK's own example nests its service_at_locations without service_id: the export must
    // still name the service, so the file imports into an empty database and exports the same.
    const own = { ...server.env, VG_DATABASE_URL: `sqlite:${path.join(server.dir, 'nested.db')}` };
    vg(['migrate'], own);
    const services = JSON.parse(readFileSync(path.join(sourceDir, 'data/hsds/examples/service_list.json'), 'utf8'));
    const service = services.contents[0];
    service.service_at_locations = [{
      id: '5b3a9c1e-0f4d-4e7a-8b2c-6d1e9f0a3b4c',
      location: { id: '7c2d1e0f-3a4b-4c5d-8e6f-9a0b1c2d3e4f', location_type: 'virtual', name: 'Phone and online' },
    }];
    const source = path.join(server.dir, 'nested.json');
    writeFileSync(source, JSON.stringify(services));
    vg(['import-directory', source], own);
    const first = vg(['export-directory'], own).stdout;
    for (const sal of JSON.parse(first).service_at_locations) assert.equal(sal.service_id, service.id);
    const file = path.join(server.dir, 'nested-export.json');
    writeFileSync(file, first);

    const empty = { ...server.env, VG_DATABASE_URL: `sqlite:${path.join(server.dir, 'nested-copy.db')}` };
    vg(['migrate'], empty);
    const imported = spawnSync(binary, ['import-directory', file], { env: { ...process.env, ...empty }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(vg(['export-directory'], empty).stdout, first);
  });

  test('javascript: addresses and malformed emails are refused and nothing is imported', () => {
    const before = vg(['export-directory'], server.env).stdout;
    const bad = path.join(server.dir, 'unsafe.json');
    const services = JSON.parse(readFileSync(path.join(sourceDir, 'data/hsds/examples/service_list.json'), 'utf8'));
    services.contents[0].url = 'javascript:alert(1)';
    services.contents[0].email = 'someone@example..org';
    services.contents[0].organization.website = 'JavaScript:alert(document.cookie)';
    services.contents[0].organization.email = 'help,<desk>@example.org';
    writeFileSync(bad, JSON.stringify(services));
    const r = run(['import-directory', bad]);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /\$\.contents\[0\]\.url: must be a web address starting https:\/\/ or http:\/\//);
    assert.match(r.stderr, /\$\.contents\[0\]\.email: must be an email address/);
    assert.match(r.stderr, /\$\.contents\[0\]\.organization\.website: must be a web address/);
    assert.match(r.stderr, /\$\.contents\[0\]\.organization\.email: must be an email address/);
    assert.equal(vg(['export-directory'], server.env).stdout, before);
  });

  test('an invalid file prints every problem with its JSON path and imports nothing', () => {
    const before = vg(['export-directory'], server.env).stdout;
    const bad = path.join(server.dir, 'bad.json');
    const services = JSON.parse(readFileSync(path.join(sourceDir, 'data/hsds/examples/service_list.json'), 'utf8'));
    services.contents[0].status = 'open';
    services.contents[0].organization.email = 'not an email';
    writeFileSync(bad, JSON.stringify(services));
    const r = run(['import-directory', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\$\.contents\[0\]\.status: must be one of: active, inactive, defunct, temporarily closed/);
    assert.match(r.stderr, /\$\.contents\[0\]\.organization\.email: must be an email address/);
    assert.equal(vg(['export-directory'], server.env).stdout, before);
  });
});

describe('search synonyms', () => {
  test('serve refuses to start with a mistake in an area synonyms file, naming the file and line', () => {
    const config = path.join(server.dir, 'bad-config');
    mkdirSync(path.join(config, 'areas', 'testshire'), { recursive: true });
    writeFileSync(path.join(config, 'areas', 'testshire', 'synonyms.txt'), '# fine\nrape => sexual violence\njust one entry\n');
    const r = spawnSync(binary, ['serve'], {
      env: { ...process.env, ...server.env, VG_CONFIG_DIR: config, VG_LISTEN: '127.0.0.1:0' },
      encoding: 'utf8', timeout: 60_000,
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout + r.stderr, /testshire\/synonyms\.txt: line 3/);
  });
});
