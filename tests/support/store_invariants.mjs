// What a store must hold however a write was interrupted (kill -9, a database restart): every
// referral with its case, the case's Victims' Code clocks and its audit entry; references
// without gaps or repeats; idempotency keys bound to the body stored. Read with the database's
// own command-line client (sqlite3, psql), never through the server under test.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { storedDocument } from './sealed_text.mjs';

const kMaxOutput = 512 * 1024 * 1024;

// A reader of rows (objects keyed by column) from a SQLite file, read-only, waiting for the writer.
export function sqliteRows(file) {
  return (sql) => {
    const r = spawnSync('sqlite3', ['-readonly', '-json', '-cmd', '.timeout 10000', file, sql],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: kMaxOutput });
    if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
    return r.stdout.trim() ? JSON.parse(r.stdout) : [];
  };
}

// The same from PostgreSQL (a libpq URL).
export function postgresRows(url) {
  return (sql) => {
    const r = spawnSync('psql', [url, '-X', '-qAt', '-v', 'ON_ERROR_STOP=1', '-c',
      `SELECT coalesce(json_agg(vg_row), '[]') FROM (${sql}) vg_row`],
    { encoding: 'utf8', timeout: 60_000, maxBuffer: kMaxOutput });
    if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const asObject = (value) => (typeof value === 'string' ? JSON.parse(value) : value);

// What the invariants need, read once: every referral (id, reference, crime reference, document
// opened from its sealed form under the tests' notes key, and decision as text, by id), the cases, their clocks, the audit entries of referrals, the
// reference counters and the idempotency keys. One query each, so read it while nothing writes.
export function readStore(read) {
  return {
    referrals: new Map(read('SELECT id, reference, crime_reference, document, document_key_id, assessment FROM referrals')
      .map((r) => [r.id, { ...r, document: storedDocument(r.document, r.document_key_id) }])),
    cases: new Map(read('SELECT id, reference FROM cases').map((c) => [c.id, c])),
    clocks: read('SELECT case_id, code FROM case_deadlines'),
    audited: new Set(read("SELECT DISTINCT entity_id FROM audit_log WHERE entity_type = 'referral' "
      + "AND action IN ('referral.create', 'referral.import')").map((a) => a.entity_id)),
    counters: new Map(read('SELECT prefix, last_number FROM reference_counters').map((c) => [c.prefix, Number(c.last_number)])),
    idempotencyKeys: read('SELECT key, request_hash, referral_id FROM idempotency_keys'),
  };
}

// Every way the store (as readStore read it) is half-written, in words; empty when whole. Ids and
// references only, never a referral's contents.
export function halfWritten(store) {
  const problems = [];
  const { referrals: byId, cases, audited, counters } = store;
  const clocks = new Map();
  for (const c of store.clocks) {
    if (!clocks.has(c.case_id)) clocks.set(c.case_id, new Set());
    clocks.get(c.case_id).add(c.code);
  }
  const numbers = new Map();  // reference prefix → numbers handed out
  for (const r of byId.values()) {
    const c = cases.get(r.id);
    if (!c) problems.push(`referral ${r.reference} has no case`);
    else if (c.reference !== r.reference) problems.push(`case ${c.reference} of referral ${r.reference}`);
    const expected = (asObject(r.assessment).deadlines ?? [])
      .map((d) => d.code).filter((code) => code === 'first_contact' || code === 'needs_assessment');
    const have = clocks.get(r.id) ?? new Set();
    if (expected.length !== have.size || expected.some((code) => !have.has(code))) {
      problems.push(`case ${r.reference} has clocks [${[...have]}], its decision [${expected}]`);
    }
    if (!audited.has(r.id)) problems.push(`referral ${r.reference} was stored without its audit entry`);
    const m = /^(.*-)(\d+)$/.exec(r.reference);
    if (!m) {
      problems.push(`referral ${r.id} has the reference "${r.reference}"`);
      continue;
    }
    if (!numbers.has(m[1])) numbers.set(m[1], []);
    numbers.get(m[1]).push(Number(m[2]));
  }
  for (const id of cases.keys()) if (!byId.has(id)) problems.push(`case ${cases.get(id).reference} has no referral`);
  for (const id of clocks.keys()) if (!cases.has(id)) problems.push(`clocks of case ${id}, which does not exist`);
  // A rolled-back create gives its number back: 1 to n, each once, and the counter at n.
  for (const [prefix, list] of numbers) {
    list.sort((a, b) => a - b);
    const gap = list.findIndex((n, i) => n !== i + 1);
    if (gap >= 0) problems.push(`references ${prefix}: number ${gap + 1} is ${list[gap]}`);
    if (counters.get(prefix) !== list.length) {
      problems.push(`references ${prefix}: ${list.length} stored, the counter says ${counters.get(prefix)}`);
    }
  }
  for (const k of store.idempotencyKeys) {
    const r = byId.get(k.referral_id);
    if (!r) problems.push(`idempotency key ${k.key} names no referral`);
    else if (sha256(r.document) !== k.request_hash) problems.push(`idempotency key ${k.key} is bound to another body than ${r.reference}'s`);
  }
  return problems;
}
