// `make run` (scripts/run-demo) twice on one database: the first run loads the demo data, the
// second leaves the database as the operator left it (an edit made in /admin survives) and
// still serves. `serve` is replaced by a stub that exits at once, so no port is opened.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, sourceDir } from '../../support/server.mjs';

// The directory organisation RASA Merseyside (config/areas/merseyside/directory.json).
const RASA = '068423b5-424a-469b-82ba-0fbe2519d480';

// The demo partner organisation, whose caseworker signs in as partner@demo.victim-gateway.test.
const PARTNER = '7a1c0e52-3d4b-4c1e-9f00-000000000004';

let dir;
let server;  // what querySqlite needs: the database URL
let wrapper;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vg-run-demo-'));
  server = { env: { VG_DATABASE_URL: `sqlite:${path.join(dir, 'vg.db')}` } };
  wrapper = path.join(dir, 'victim-gateway');
  writeFileSync(wrapper, `#!/bin/sh\n[ "$1" = serve ] && { echo "serve stub"; exit 0; }\nexec "${binary}" "$@"\n`);
  chmodSync(wrapper, 0o755);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function runDemo() {
  const r = spawnSync(path.join(sourceDir, 'scripts', 'run-demo'), [wrapper], {
    env: { ...process.env, ...server.env, VG_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 300_000,
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('make run', () => {
  test('loads the demo data into an empty database and prints the log-ins', () => {
    const out = runDemo();
    assert.match(out, /demo data: \d+ services/);
    assert.match(out, /advisor@demo\.victim-gateway\.test/);
    assert.match(out, /serve stub/);
    assert.equal(querySqlite(server, `SELECT name FROM organizations WHERE id = '${RASA}'`), 'RASA Merseyside');
    assert.match(out, /imported: 24 postcodes/);
    assert.match(out, /illustrative postcodes, such as M1 0VV/);
  });

  test('loads the illustrative postcodes, so that postcode search works', () => {
    // config/demo/postcodes-illustrative.csv: one invented postcode for each district.
    assert.equal(querySqlite(server, 'SELECT COUNT(*) FROM postcodes'), '24');
    assert.equal(querySqlite(server, "SELECT lad_code FROM postcodes WHERE postcode = 'L10VV'"), 'E08000012');
  });

  test('the partner caseworker\'s organisation is linked to its directory organisation', () => {
    assert.equal(querySqlite(server, `SELECT directory_organization_id FROM organisations WHERE id = '${PARTNER}'`), RASA);
  });

  test('a second run keeps what the operator changed since', () => {
    // What saving the organisation in /admin leaves in the database.
    const edit = spawnSync('sqlite3', [server.env.VG_DATABASE_URL.replace(/^sqlite:/, ''),
      `UPDATE organizations SET name = 'RASA Merseyside (edited by the operator)' WHERE id = '${RASA}'`], { encoding: 'utf8' });
    assert.equal(edit.status, 0, edit.stderr);
    const out = runDemo();
    assert.equal(querySqlite(server, `SELECT name FROM organizations WHERE id = '${RASA}'`),
      'RASA Merseyside (edited by the operator)');
    assert.match(out, /already holds/);
    assert.equal(querySqlite(server, 'SELECT COUNT(*) FROM postcodes'), '24', 'loading them again adds nothing');
    assert.match(out, /advisor@demo\.victim-gateway\.test/, 'the log-ins are still printed');
    assert.match(out, /serve stub/);
  });
});
