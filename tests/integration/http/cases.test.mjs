// Casework over plain HTTP against a real server and database: a police referral becomes a case
// in the Merseyside hub team's queue; the team leader allocates it (a stale form is refused with
// 409, a hand-over is counted); the caseworker is refused every unsafe contact attempt (422 with
// the reason, nothing stored) and records safe ones; consent is recorded and withdrawn; nobody
// of another organisation, and no caseworker it is not allocated to, reaches the case (404).
// Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',     // Merseyside Police (demo)
  otherHub: '7a1c0e52-3d4b-4c1e-9f00-0000000000b7',  // an invented second Merseyside gateway
  otherForce: '7a1c0e52-3d4b-4c1e-9f00-0000000000b8',  // an invented Greater Manchester force
  partner: '7a1c0e52-3d4b-4c1e-9f00-000000000004',  // RASA Merseyside (demo)
};
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  assessor: ['assessor@demo.victim-gateway.test', 'demo-assessor-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
  police: ['police@demo.victim-gateway.test', 'demo-police-password'],
  other: ['other.advisor@example.com', 'other-advisor-password-1'],
};

let server;
let forceKey;
const keys = {};
let crime = 0;

// A Merseyside police referral with a safe-contact profile: calls and email only, to the safe
// number, no voicemail, and nobody may say who is calling. 0151 496 0xxx are Ofcom drama numbers.
function policeReferral(overrides = {}) {
  crime += 1;
  return {
    channel: 'police', area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: `CASES/${crime}/26`,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
    local_authority: 'E08000012',
    victim: { type: 'person', name: 'Morgan Inventedname', date_of_birth: '1960-02-03', phone: '0151 496 0000' },
    safe_contact: {
      safe_channels: ['call', 'email'], safe_phone: '0151 496 0123', safe_email: 'morgan@example.com',
      voicemail_allowed: false, may_say_who_we_are: false,
    },
    ...overrides,
  };
}

async function sendReferral(body) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

// One session per person, shared by the tests (a TOTP code works once, so signing in again
// would wait for the next one).
async function signIn([email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

const userId = (email) => querySqlite(server, `SELECT id FROM users WHERE email = '${email}'`).trim();
const version = (html) => hiddenField(html, 'version');
const events = (id) => Number(querySqlite(server, `SELECT count(*) FROM case_events WHERE case_id = '${id}'`));
const caseRow = (id, column) => querySqlite(server, `SELECT ${column} FROM cases WHERE id = '${id}'`).trim();

async function post(browser, path, fields) {
  return browser.post(path, { csrf_token: browser.csrf, ...fields });
}

before(async () => {
  server = await startServer({
    before: [
      ['users', 'create-organisation', '--id', ORG.otherHub, '--name', 'Invented second hub', '--kind', 'gateway',
        '--areas', 'merseyside'],
      ['users', 'create-organisation', '--id', ORG.otherForce, '--name', 'Invented GM Police', '--kind', 'police',
        '--force-codes', 'E23000005'],
    ],
  });
  for (const who of ['force', 'otherForce', 'partner', 'otherHub']) {
    const out = vg(['api-keys', 'create', '--org', ORG[who]], server.env).stdout.trim().split('\n');
    keys[who] = out[out.length - 1].trim();
  }
  forceKey = keys.force;
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.other[0], '--name', 'Other Advisor',
    '--role', 'gateway_advisor', '--organisation', ORG.otherHub, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.other[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other hub has an advisor: ${created.stderr}`);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('queue and allocation', () => {
  test('a police referral is a case in the hub team queue, unallocated, with its clock', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await signIn(LOGIN.leader);
    const queue = await leader.get('/cases?unallocated=yes');
    assert.equal(queue.status, 200);
    assert.match(queue.text, new RegExp(sent.reference));
    assert.match(queue.text, /Due (today|in \d+ working days?)|Overdue/);
    assert.equal(caseRow(sent.id, 'allocated_to'), '');
    assert.equal(caseRow(sent.id, 'holder_organisation_id'), '7a1c0e52-3d4b-4c1e-9f00-000000000002');
    // Filters narrow: a channel the case did not come by hides it.
    const filtered = await leader.get('/cases?channel=self');
    assert.doesNotMatch(filtered.text, new RegExp(sent.reference));
  });

  test('the leader allocates, a stale form is refused, and a hand-over is counted', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await signIn(LOGIN.leader);
    const page = await leader.get(`/cases/${sent.id}`);
    assert.equal(page.status, 200);
    const v1 = version(page.text);
    const allocated = await post(leader, `/cases/${sent.id}/allocation`, { version: v1, user_id: userId(LOGIN.advisor[0]), how: 'chosen' });
    assert.equal(allocated.status, 303);
    assert.equal(caseRow(sent.id, 'allocated_to'), userId(LOGIN.advisor[0]));
    // The same form again: the case changed since it was read.
    const stale = await post(leader, `/cases/${sent.id}/allocation`, { version: v1, user_id: userId(LOGIN.assessor[0]), how: 'chosen' });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /changed this case since you opened it/);
    assert.equal(caseRow(sent.id, 'allocated_to'), userId(LOGIN.advisor[0]), 'the stale change did not land');
    const fresh = await leader.get(`/cases/${sent.id}`);
    const moved = await post(leader, `/cases/${sent.id}/allocation`, { version: version(fresh.text), user_id: userId(LOGIN.assessor[0]), how: 'chosen' });
    assert.equal(moved.status, 303);
    assert.equal(caseRow(sent.id, 'handovers'), '1');
    const timeline = await leader.get(`/cases/${sent.id}`);
    assert.match(timeline.text, /Handed over from Sam Advisor to Riley Assessor/);
  });

  test('offering by rule picks a caseworker with room and the skills', async () => {
    const sent = await sendReferral(policeReferral({ offence_category: 'rape', flags: { sexual_offence: true },
      consent: { basis: 'explicit_consent', captured_by: 'police:E23000004', captured_at: '2026-11-21T14:00:00Z', method: 'police_form' } }));
    assert.equal(caseRow(sent.id, 'needs_skills'), 'isva');
    const leader = await signIn(LOGIN.leader);
    const page = await leader.get(`/cases/${sent.id}`);
    const offered = await post(leader, `/cases/${sent.id}/allocation`, { version: version(page.text), how: 'rule' });
    assert.equal(offered.status, 303);
    assert.equal(caseRow(sent.id, 'allocated_to'), userId(LOGIN.advisor[0]), 'only the advisor is an ISVA');
  });

  test('someone outside the team cannot be given the case', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await signIn(LOGIN.leader);
    const page = await leader.get(`/cases/${sent.id}`);
    const refused = await post(leader, `/cases/${sent.id}/allocation`, { version: version(page.text), user_id: userId(LOGIN.other[0]), how: 'chosen' });
    assert.equal(refused.status, 422);
    assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['user_id']);
    assert.equal(caseRow(sent.id, 'allocated_to'), '');
  });
});

describe('contact attempts and the safe-contact profile', () => {
  let id;
  let advisor;
  before(async () => {
    id = (await sendReferral(policeReferral())).id;
    const leader = await signIn(LOGIN.leader);
    const page = await leader.get(`/cases/${id}`);
    await post(leader, `/cases/${id}/allocation`, { version: version(page.text), user_id: userId(LOGIN.advisor[0]), how: 'chosen' });
    advisor = await signIn(LOGIN.advisor);
  });

  const attempt = async (fields) => {
    const page = await advisor.get(`/cases/${id}`);
    assert.equal(page.status, 200);
    return post(advisor, `/cases/${id}/contact-attempts`, { version: version(page.text), ...fields });
  };

  for (const [name, fields, field, reason] of [
    ['a voicemail where voicemail is unsafe', { channel: 'call', outcome: 'voicemail_left' }, 'outcome', /no voicemail may be left/],
    ['a text when texts are not safe', { channel: 'text', outcome: 'sent' }, 'channel', /does not allow a text message/],
    ['a call to a number not marked safe', { channel: 'call', to: '0151 496 0000', outcome: 'no_answer' }, 'to', /not the one their profile marks as safe/],
    ['a letter where letters are unsafe', { channel: 'letter', outcome: 'sent' }, 'channel', /does not allow a letter/],
    ['saying who is calling where not allowed', { channel: 'call', outcome: 'reached', said_who_we_are: 'yes' }, 'said_who_we_are', /may not say who is calling/],
  ]) {
    test(`${name} is refused with the reason, and nothing is stored`, async () => {
      const before = events(id);
      const refused = await attempt(fields);
      assert.equal(refused.status, 422, refused.text.slice(0, 300));
      assert.ok(errorSummaryLinks(refused.text).some((l) => l.anchor === field && reason.test(l.message)),
        JSON.stringify(errorSummaryLinks(refused.text)));
      assert.equal(events(id), before);
    });
  }

  test('a safe attempt joins the timeline and stops the first-contact clock', async () => {
    const done = await attempt({ channel: 'call', outcome: 'no_answer' });
    assert.equal(done.status, 303);
    const page = await advisor.get(`/cases/${id}`);
    assert.match(page.text, /Phone call: No answer/);
    assert.notEqual(querySqlite(server, `SELECT met_at FROM case_deadlines WHERE case_id = '${id}' AND code = 'first_contact'`).trim(), '');
    const reached = await attempt({ channel: 'email', to: 'Morgan@Example.com', outcome: 'reached' });
    assert.equal(reached.status, 303);
  });

  test('a caseworker the case is not allocated to cannot record on it', async () => {
    const assessorHere = await signIn(LOGIN.assessor);  // a risk assessor works the team's cases
    const other = await signIn(LOGIN.other);
    const page = await other.get(`/cases/${id}`);
    assert.equal(page.status, 404, 'another organisation does not see the case');
    const posted = await post(other, `/cases/${id}/contact-attempts`, { version: '1', channel: 'call', outcome: 'no_answer' });
    assert.equal(posted.status, 404);
    assert.equal((await assessorHere.get(`/cases/${id}`)).status, 200);
  });
});

describe('consent', () => {
  test('awaiting consent until recorded; withdrawal stops sharing', async () => {
    const sent = await sendReferral(policeReferral({ offence_category: 'rape', flags: { sexual_offence: true } }));
    assert.equal(caseRow(sent.id, 'consent_state'), 'awaiting_consent');
    const leader = await signIn(LOGIN.leader);
    let page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /Nothing of this case may be shared until consent is recorded/);
    const missing = await post(leader, `/cases/${sent.id}/consent`, { version: version(page.text), change: 'give' });
    assert.equal(missing.status, 422);
    assert.deepEqual(errorSummaryLinks(missing.text).map((l) => l.anchor).sort(), ['given_by', 'method', 'scope']);
    const given = await post(leader, `/cases/${sent.id}/consent`, {
      version: version(page.text), change: 'give', given_by: 'victim', method: 'phone', scope: 'referral_to_support' });
    assert.equal(given.status, 303);
    assert.equal(caseRow(sent.id, 'consent_state'), 'consented');
    page = await leader.get(`/cases/${sent.id}`);
    const withdrawn = await post(leader, `/cases/${sent.id}/consent`, {
      version: version(page.text), change: 'withdraw', given_by: 'victim', method: 'phone' });
    assert.equal(withdrawn.status, 303);
    assert.equal(caseRow(sent.id, 'consent_state'), 'withdrawn');
    page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /Consent withdrawn/);
    assert.match(page.text, /Nothing of this case may be shared/);
  });
});

describe('two people editing one case', () => {
  // The second of two editors sees what changed and decides: nothing is overwritten.
  test('B posts consent from a copy older than A\'s contact attempt: 409 listing A\'s change, B\'s answers kept; resubmitted, both stand', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await signIn(LOGIN.leader);
    const opened = await leader.get(`/cases/${sent.id}`);
    const allocated = await post(leader, `/cases/${sent.id}/allocation`, { version: version(opened.text), user_id: userId(LOGIN.advisor[0]), how: 'chosen' });
    assert.equal(allocated.status, 303);
    const advisor = await signIn(LOGIN.advisor);
    // Both open the case at the same version.
    const seenByA = await advisor.get(`/cases/${sent.id}`);
    const seenByB = await leader.get(`/cases/${sent.id}`);
    assert.equal(version(seenByA.text), version(seenByB.text));
    const before = events(sent.id);
    // A records a contact attempt.
    const contact = await post(advisor, `/cases/${sent.id}/contact-attempts`, {
      version: version(seenByA.text), channel: 'call', to: '0151 496 0123', outcome: 'no_answer' });
    assert.equal(contact.status, 303);
    // B records consent from the copy opened before it.
    const answers = { change: 'give', given_by: 'parent_or_guardian', method: 'in_person', scope: 'all_support' };
    const stale = await post(leader, `/cases/${sent.id}/consent`, { version: version(seenByB.text), ...answers });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /<title>Error: /, 'the title says there is an error');
    const links = errorSummaryLinks(stale.text);
    assert.match(links[0].message, /Someone else changed this case since you opened it/);
    const changed = stale.text.match(/What changed since you opened it:<\/p>\s*<ul[^>]*>([\s\S]*?)<\/ul>/);
    assert.ok(changed, 'the error summary lists what changed');
    const lines = [...changed[1].matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0], /^Phone call: No answer – by Sam Advisor, \w+day \d+ \w+ \d{4} at \d\d:\d\d$/);
    assert.doesNotMatch(changed[1], /0151 496 0123/, 'no contact details in the summary');
    // B's answers are kept in the form, to decide on and send again.
    assert.match(stale.text, /value="give" checked/);
    assert.match(stale.text, /value="parent_or_guardian" selected/);
    assert.match(stale.text, /value="in_person" selected/);
    assert.match(stale.text, /value="all_support" selected/);
    assert.equal(events(sent.id), before + 1, 'only A\'s change landed');
    assert.notEqual(caseRow(sent.id, 'consent_state'), 'consented');
    // B decides to go ahead, with the version the refusal page carries.
    const resent = await post(leader, `/cases/${sent.id}/consent`, { version: version(stale.text), ...answers });
    assert.equal(resent.status, 303);
    assert.equal(caseRow(sent.id, 'consent_state'), 'consented');
    const kinds = querySqlite(server, `SELECT kind FROM case_events WHERE case_id = '${sent.id}' ORDER BY seq`).trim().split('\n');
    assert.ok(kinds.includes('contact_attempt') && kinds.includes('consent_given'), `both records exist: ${kinds}`);
  });
});

describe('who sees the queue', () => {
  test('another organisation, a partner and the police see none of the hub cases', async () => {
    const sent = await sendReferral(policeReferral());
    for (const login of [LOGIN.other, LOGIN.partner]) {
      const b = await signIn(login);
      const queue = await b.get('/cases');
      assert.equal(queue.status, 200);
      assert.doesNotMatch(queue.text, new RegExp(sent.reference));
      assert.equal((await b.get(`/cases/${sent.id}`)).status, 404);
    }
    const police = await signIn(LOGIN.police);
    assert.equal((await police.get('/cases')).status, 403);
  });

  test('opening a case is audited with the right that allowed it', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await signIn(LOGIN.leader);
    await leader.get(`/cases/${sent.id}`);
    // Reads are written in batches within a second; wait up to three for this one.
    const read = () => querySqlite(server, `SELECT actor || ' ' || detail FROM audit_log WHERE action = 'case.read' AND entity_id = '${sent.id}'`).trim();
    const until = Date.now() + 3_000;
    while (read() === '' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.equal(read(), `${userId(LOGIN.leader[0])} {"via":"own_organisation"}`);
  });
});

describe('the referring force asks how far its referral has come', () => {
  const status = async (id, key) => {
    const headers = key ? { authorization: `Bearer ${key}` } : {};
    const res = await fetch(`${server.url}/api/v1/referrals/${id}`, { headers });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), json: text ? JSON.parse(text) : null };
  };

  test('received, then contacted once the victim is reached; nothing else', async () => {
    const sent = await sendReferral(policeReferral());
    let r = await status(sent.id, keys.force);
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), ['id', 'received_at', 'reference', 'status'],
      'nothing but the stage and its dates; a date not reached is left out');
    assert.equal(r.json.status, 'received');
    assert.equal(r.json.reference, sent.reference);
    assert.equal(r.json.contacted_at, undefined);
    const leader = await signIn(LOGIN.leader);
    let page = await leader.get(`/cases/${sent.id}`);
    await post(leader, `/cases/${sent.id}/allocation`, { version: version(page.text), user_id: userId(LOGIN.advisor[0]), how: 'chosen' });
    const advisor = await signIn(LOGIN.advisor);
    page = await advisor.get(`/cases/${sent.id}`);
    const reached = await post(advisor, `/cases/${sent.id}/contact-attempts`, { version: version(page.text), channel: 'call', outcome: 'reached' });
    assert.equal(reached.status, 303);
    r = await status(sent.id, keys.force);
    assert.equal(r.json.status, 'contacted');
    assert.match(r.json.contacted_at, /^\d{4}-\d\d-\d\dT.*Z$/);
    const audited = querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'referral.status_read' AND entity_id = '${sent.id}'`).trim();
    assert.equal(audited, '2');
  });

  test('every other organisation, a missing key and an unknown id get nothing', async () => {
    const sent = await sendReferral(policeReferral());
    for (const who of ['otherForce', 'partner', 'otherHub']) {
      const r = await status(sent.id, keys[who]);
      assert.equal(r.status, 404, who);
      assert.match(r.type, /application\/problem\+json/);
      assert.doesNotMatch(JSON.stringify(r.json), new RegExp(sent.reference));
    }
    assert.equal((await status(sent.id)).status, 401);
    assert.equal((await status('00000000-0000-4000-8000-000000000000', keys.force)).status, 404);
  });
});
