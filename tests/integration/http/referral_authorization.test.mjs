// Who may learn what about a referral, over HTTP against a real server: for every pair of
// (caller's organisation kind, referral's owner) a repeat of the owner's referral, a reuse of its
// Idempotency-Key and a look at its page disclose nothing of it; senders are bound to their
// channel, force and areas (403 naming the field, nothing stored). Every person is invented.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer, vg } from '../../support/server.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',         // Merseyside Police (demo)
  gateway: '7a1c0e52-3d4b-4c1e-9f00-000000000002',       // Victim Care Merseyside hub (demo)
  partner: '7a1c0e52-3d4b-4c1e-9f00-000000000004',       // RASA Merseyside (demo)
  commissioner: '7a1c0e52-3d4b-4c1e-9f00-000000000005',  // OPCC (demo)
  otherForce: '7a1c0e52-3d4b-4c1e-9f00-0000000000a6',    // an invented Greater Manchester force
};
// The channel each kind of sender uses for a Merseyside referral.
const CHANNEL = { force: 'police', gateway: 'phone', partner: 'partner', commissioner: 'partner', otherForce: 'police' };

let server;
const keys = {};
let counter = 0;

// One invented person per crime (a birth date taken from the crime reference): the intake links
// referrals of one person across crimes, and these tests are about one crime at a time.
function bornFor(crime) {
  let n = 0;
  for (const c of crime) n = (n * 31 + c.charCodeAt(0)) % 10000;
  return new Date(Date.UTC(1960, 0, 1) + n * 86400000).toISOString().slice(0, 10);
}

// A Merseyside referral of a rape and domestic abuse, as `who` would send it, for crime `crime`.
function referral(who, crime) {
  return {
    channel: CHANNEL[who], area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: crime,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'rape',
    flags: { sexual_offence: true, domestic_abuse: true }, local_authority: 'E08000012',
    victim: { type: 'person', name: 'Robin Inventedname', date_of_birth: bornFor(crime) },
    consent: { basis: 'explicit_consent', captured_by: 'police:E23000004', captured_at: '2026-11-21T14:00:00Z', method: 'police_form' },
  };
}

async function post(who, body, idempotencyKey) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${keys[who]}` };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const res = await fetch(`${server.url}/api/v1/referrals`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

const fields = (json) => (json.errors ?? []).map((e) => e.field);
const count = () => Number(querySqlite(server, 'SELECT count(*) FROM referrals'));

before(async () => {
  server = await startServer({
    before: [['users', 'create-organisation', '--id', ORG.otherForce, '--name', 'Invented GM Police',
      '--kind', 'police', '--force-codes', 'E23000005']],
  });
  for (const [who, id] of Object.entries(ORG)) {
    const out = vg(['api-keys', 'create', '--org', id], server.env).stdout.trim().split('\n');
    keys[who] = out[out.length - 1].trim();
  }
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('who may send what', () => {
  test('each organisation sends only on its channel, for its force and areas: 403 naming the field, nothing stored', async () => {
    const before = count();
    const cases = [
      ['partner', { ...referral('partner', 'AUTH-CH-1'), channel: 'police' }, ['$.channel']],
      ['gateway', { ...referral('gateway', 'AUTH-CH-2'), channel: 'police' }, ['$.channel']],
      ['otherForce', referral('otherForce', 'AUTH-CH-3'), ['$.police_force_code', '$.area']],
      ['force', { ...referral('force', 'AUTH-CH-4'), police_force_code: 'E23000005' }, ['$.police_force_code']],
      ['force', { ...referral('force', 'AUTH-CH-5'), area: 'staffordshire', local_authority: 'E07000192' }, ['$.area']],
      ['commissioner', referral('commissioner', 'AUTH-CH-6'), ['$']],
    ];
    for (const [who, body, expected] of cases) {
      const r = await post(who, body);
      assert.equal(r.status, 403, `${who}: ${r.text}`);
      assert.deepEqual(fields(r.json), expected, `${who}: ${r.text}`);
      assert.ok(!r.text.includes('Robin'), 'nothing personal is echoed');
    }
    assert.equal(count(), before);
  });
});

describe('nothing of another organisation\'s referral is disclosed', () => {
  const senders = ['force', 'gateway', 'partner'];
  const callers = ['force', 'gateway', 'partner', 'otherForce', 'commissioner'];
  for (const owner of senders) {
    for (const caller of callers.filter((c) => c !== owner)) {
      test(`${caller} repeating ${owner}'s referral`, async () => {
        const crime = `AUTH-${process.pid}-${++counter}`;
        const idem = `idem-${crime}`;
        const original = await post(owner, referral(owner, crime), idem);
        assert.equal(original.status, 201, original.text);
        const { reference, id } = original.json;
        const leaks = (r) => r.text.includes(reference) || r.text.includes(id);

        // The same crime and victim, and the same Idempotency-Key: never the owner's referral.
        const repeat = await post(caller, referral(caller, crime), idem);
        assert.ok([201, 403].includes(repeat.status), `${caller}: ${repeat.status} ${repeat.text}`);
        assert.ok(!leaks(repeat), `${caller} learnt of ${owner}'s referral: ${repeat.text}`);
        assert.notEqual(repeat.json.status, 'duplicate');
        if (repeat.status === 201) {
          assert.notEqual(repeat.json.reference, reference);
          // Both are kept; the one not from the force is held, and the force's never is.
          const held = querySqlite(server, `SELECT id, possible_duplicate_of FROM referrals WHERE id IN ('${id}', '${repeat.json.id}') ORDER BY id`)
            .split('\n').map((l) => l.split('|'));
          const heldIds = held.filter(([, of]) => of !== '').map(([rid]) => rid);
          const forceOwned = owner === 'force' ? id : caller === 'force' ? repeat.json.id : null;
          assert.equal(heldIds.length, 1, JSON.stringify(held));
          if (forceOwned) assert.notEqual(heldIds[0], forceOwned, 'the force\'s own referral is never held');
        }
        // The owner repeating it gets its own referral back, and only that.
        const own = await post(owner, referral(owner, crime));
        assert.equal(own.status, 200, own.text);
        assert.equal(own.json.reference, reference);
        if (repeat.status === 201) assert.ok(!own.text.includes(repeat.json.reference));
      });
    }
  }
});
