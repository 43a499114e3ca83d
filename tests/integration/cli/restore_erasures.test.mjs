// Erasures survive a restore of an older backup (issue 17): an invented person's case is backed
// up, then closed and erased on their request over HTTP; `victim-gateway restore --replace` puts
// the older backup back in place of that database, and the person is still erased (the ledger of
// the database replaced is made again in the copy, with an audit entry naming the restore), the
// audit chain verifies, and another person's case the backup holds is whole.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { caseToErase } from '../../support/erasure_on_request.mjs';
import { binary, querySqlite, startServer } from '../../support/server.mjs';
import { openedDocuments, storedDocument } from '../../support/sealed_text.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'vg-restore-erasures-'));
let server;
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args, env) => spawnSync(binary, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });

test('a restored older backup does not bring back a person erased since', { timeout: 300_000 }, async () => {
  const databaseUrl = `sqlite:${path.join(dir, 'vg.db')}`;
  server = await startServer({ databaseUrl });
  const { erasedId, keptId, erase } = await caseToErase(server);

  // The backup is taken before the erasure: it still holds the person.
  const backup = path.join(dir, 'before-erasure.db');
  const backedUp = run(['backup', '--to', backup], server.env);
  assert.equal(backedUp.status, 0, backedUp.stdout + backedUp.stderr);

  await erase();
  assert.equal(querySqlite(server, `SELECT document FROM referrals WHERE id = '${erasedId}'`).trim(), '{"erased":true}');

  // The service stops; the older backup replaces the database.
  const env = server.env;
  await server.stop();
  server = undefined;
  const restored = run(['restore', '--from', backup, '--replace'], env);
  assert.equal(restored.status, 0, restored.stdout + restored.stderr);
  assert.match(restored.stdout, /retention re-applied: 1 cases erased/);
  const db = { env };
  assert.equal(querySqlite(db, `SELECT document FROM referrals WHERE id = '${erasedId}'`).trim(), '{"erased":true}');
  // Searched opened: the column holds sealed text, where a LIKE finds nothing either way.
  const documents = openedDocuments(querySqlite(db, "SELECT document_key_id || '|' || document FROM referrals"));
  assert.ok(documents.some((d) => d.includes('Inventedkept')), 'the documents were opened');
  assert.deepEqual(documents.filter((d) => d.includes('Inventederased')), []);
  assert.equal(querySqlite(db, `SELECT rule FROM retention_erasures WHERE case_id = '${erasedId}'`).trim(), 'on_request');
  const entry = querySqlite(db, `SELECT actor || ' ' || detail FROM audit_log WHERE action = 'case.personal_data_erased' AND entity_id = '${erasedId}' ORDER BY seq DESC LIMIT 1`).trim();
  assert.match(entry, /^system:restore \{"rule":"on_request","referral_id":"[^"]+","replayed":true/);
  assert.doesNotMatch(entry, /Inventederased/);
  assert.match(storedDocument(querySqlite(db, `SELECT document FROM referrals WHERE id = '${keptId}'`),
    querySqlite(db, `SELECT document_key_id FROM referrals WHERE id = '${keptId}'`)), /Inventedkept/);
  const verified = run(['verify-audit'], env);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
});
