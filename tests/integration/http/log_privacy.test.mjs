// No personal data in logs. Every test server (tests/support/server.mjs) logs at debug level and,
// when it stops, fails its test if any line shows the marks invented people carry
// (tests/support/personal_data_markers.mjs). Here: the check itself finds each kind of mark and
// passes a clean line; and a server taking the requests most likely to leak (referrals with every
// personal field, invalid ones whose errors name those fields, a self-referral, failed sign-ins
// with an invented email) logged a line for each request and no line with a mark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Browser, hiddenField } from '../../support/browser.mjs';
import { linesWithPersonalData } from '../../support/personal_data_markers.mjs';
import { logEntries, logsCaughtUp, startServer, vg } from '../../support/server.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
let server;
let key;
before(async () => {
  server = await startServer();
  key = vg(['api-keys', 'create', '--org', POLICE_ORG, '--label', 'log-privacy'], server.env).stdout.trim().split('\n').at(-1).trim();
});
after(() => server?.stop());

test('the check finds each mark and passes a clean line', () => {
  const lines = [
    '{"msg":"request","route":"/api/v1/referrals","status":201}',
    '{"msg":"x","name":"Robin Inventedname"}',
    '{"msg":"x","phone":"0151 496 0123"}',
    '{"msg":"x","phone":"07700900982"}',
    '{"msg":"x","email":"robin@example.com"}',
  ];
  assert.deepEqual(linesWithPersonalData(lines.join('\n')), lines.slice(1));
});

const referral = (overrides) => ({
  channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
  crime_reference: `LOG/${Math.random().toString(36).slice(2)}`, incident_date: '2026-11-20', date_reported: '2026-11-21',
  offence_category: 'burglary_residential', local_authority: 'E08000012', postcode: 'L1 8JQ',
  victim: { type: 'person', name: 'Quinn Inventedname', date_of_birth: '1990-04-05', phone: '0151 496 0321',
    email: 'quinn@example.com', address: '12 Invented Road, Liverpool' },
  account: 'Invented account: someone broke in while Quinn was at work',
  safe_contact: { safe_channels: ['call'], safe_phone: '07700 900123', voicemail_allowed: false, may_say_who_we_are: false, code_word: 'Invented-word' },
  ...overrides,
});

test('requests carrying personal data, good and bad, leave no mark in the log', async () => {
  const send = async (body) => {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body,
    });
    await res.arrayBuffer();
    return res.status;
  };
  assert.equal(await send(JSON.stringify(referral())), 201);
  // Invalid values in personal fields: the errors name the fields, never the values.
  assert.equal(await send(JSON.stringify(referral({ victim: { type: 'person', name: 'Quinn Inventedname', date_of_birth: 'Invented-date', phone: 'Invented 0151 496 0999 x' } }))), 422);
  assert.ok([400, 422].includes(await send('{"victim": {"name": "Quinn Inventedname", ')), 'broken JSON refused');
  assert.equal(await send(JSON.stringify(referral({ unknown_field_invented: 'Quinn Inventedname' }))), 422);
  // A failed sign-in with an invented address, twice.
  const browser = new Browser(server.url);
  for (let n = 0; n < 2; n += 1) {
    const form = await browser.get('/sign-in');
    const r = await browser.post('/sign-in', { csrf_token: hiddenField(form.text, 'csrf_token'), email: 'quinn@example.com', password: 'Invented-password-1' });
    assert.notEqual(r.status, 303);
  }
  // A self-referral's first answers: a phone number and a name.
  const victim = new Browser(server.url);
  const start = await victim.post('/refer/start', {});
  assert.equal(start.status, 303);
  await victim.post('/refer/safe-to-contact', { safe_to_contact: 'yes' });
  await victim.post('/refer/contact', { contact_methods: 'call', phone: '07700 900456' });
  await logsCaughtUp(server);

  const requests = logEntries(server).filter((e) => e.msg === 'request');
  assert.ok(requests.length >= 10, `a line per request (${requests.length})`);
  assert.deepEqual(linesWithPersonalData(server.logs.join('')), []);
});
