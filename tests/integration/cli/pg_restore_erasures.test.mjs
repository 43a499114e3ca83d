// Erasures survive a PostgreSQL restore done as docs/operations.md says (issue 17): pg_dump while
// the service runs; an invented person is then erased on their request; the dump is restored with
// pg_restore into a new database, migrated, and `victim-gateway replay-erasures --from` the
// database it replaces makes the erasure again there, audited, before anyone reads it. The other
// person's case is whole and the restored audit chain verifies. Starts its own throwaway cluster.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { caseToErase } from '../../support/erasure_on_request.mjs';
import { startPostgresCluster } from '../../support/postgres_cluster.mjs';
import { binary, startServer } from '../../support/server.mjs';
import { openedDocuments, storedDocument } from '../../support/sealed_text.mjs';

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';
const dir = mkdtempSync(path.join(tmpdir(), 'vg-pg-restore-'));
let cluster;
let server;
after(async () => {
  await server?.stop();
  await cluster?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const run = (program, args, env = {}) => {
  const r = spawnSync(program, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${path.basename(program)} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};
const sql = (url, query) => run(path.join(PGBIN, 'psql'), ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', query]).trim();
// A referral's document as the database holds it (sealed with the notes key), opened.
const documentOf = (url, id) => storedDocument(sql(url, `SELECT document FROM referrals WHERE id = '${id}'`),
  sql(url, `SELECT document_key_id FROM referrals WHERE id = '${id}'`));

test('a pg_restore of an older dump does not bring back a person erased since', { timeout: 300_000 }, async () => {
  cluster = await startPostgresCluster();
  const env = { VG_AUDIT_HEAD: path.join(dir, 'audit-head') };
  server = await startServer({ databaseUrl: cluster.url, env });
  const { erasedId, keptId, erase } = await caseToErase(server,
    (email) => sql(cluster.url, `SELECT id FROM users WHERE email = '${email}'`));

  const dump = path.join(dir, 'before-erasure.dump');
  run(path.join(PGBIN, 'pg_dump'), ['--format=custom', `--file=${dump}`, cluster.url]);
  await erase();
  assert.equal(sql(cluster.url, `SELECT document FROM referrals WHERE id = '${erasedId}'`), '{"erased":true}');
  const serverEnv = server.env;
  await server.stop();
  server = undefined;

  const restoredUrl = cluster.url.replace(/\/vg_test$/, '/vg_restored');
  sql(cluster.url, 'CREATE DATABASE vg_restored');
  run(path.join(PGBIN, 'pg_restore'), ['--exit-on-error', '--no-owner', `--dbname=${restoredUrl}`, dump]);
  assert.match(documentOf(restoredUrl, erasedId), /Inventederased/,
    'the dump predates the erasure');
  const restoredEnv = { ...serverEnv, VG_DATABASE_URL: restoredUrl, VG_AUDIT_HEAD: path.join(dir, 'restored-audit-head') };
  run(binary, ['migrate'], restoredEnv);
  const replayed = run(binary, ['replay-erasures', '--from', cluster.url], restoredEnv);
  assert.match(replayed, /1 made again in this database/);

  assert.equal(sql(restoredUrl, `SELECT document FROM referrals WHERE id = '${erasedId}'`), '{"erased":true}');
  // Searched opened: the column holds sealed text, where a LIKE finds nothing either way.
  const documents = openedDocuments(sql(restoredUrl, "SELECT document_key_id || '|' || document FROM referrals"));
  assert.ok(documents.some((d) => d.includes('Inventedkept')), 'the documents were opened');
  assert.deepEqual(documents.filter((d) => d.includes('Inventederased')), []);
  assert.equal(sql(restoredUrl, `SELECT rule FROM retention_erasures WHERE case_id = '${erasedId}'`), 'on_request');
  const entry = sql(restoredUrl, `SELECT actor || ' ' || detail FROM audit_log WHERE action = 'case.personal_data_erased' AND entity_id = '${erasedId}' ORDER BY seq DESC LIMIT 1`);
  assert.match(entry, /^system:restore \{"rule":"on_request","referral_id":"[^"]+","replayed":true/);
  assert.match(documentOf(restoredUrl, keptId), /Inventedkept/);
  // Run again: nothing more to make.
  assert.match(run(binary, ['replay-erasures', '--from', cluster.url], restoredEnv), / 0 made again/);
  run(binary, ['verify-audit'], restoredEnv);
});
