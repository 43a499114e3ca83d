// Messages to victims and direct referrals over plain HTTP against a real server and database:
// the team leader allocates a case and the caseworker queues the named contact's introduction by
// a channel the safe-contact profile allows (the outbox holds it, the timeline and the audit log
// say so with codes only); an unsafe channel is refused with 422 and the reason, nothing queued;
// a hand-over is counted and asks for a hand-over message; a police referral that Merseyside's
// rules send straight to a specialist reaches the partner's inbox at once with consent, or once
// consent is recorded; an appointment reminder waits for the working day before at 09:00 London
// and is cancelled, not sent, if the case closes (or consent is withdrawn) first. Every person is
// invented.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const RASA_ISVA = '947f705c-0a34-43c4-a890-9fca1ea5d53a';  // ISVA service – RASA Merseyside (refer_directly)
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  assessor: ['assessor@demo.victim-gateway.test', 'demo-assessor-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
};

// The server's clock: Monday 14 December 2026, 10:00 London (GMT), so a reminder's day is known.
const CLOCK_START = '2026-12-14T10:00:00Z';

let server;
let forceKey;
let crime = 0;
const sessions = new Map();

// Texts and letters are safe, with the number and address to use, and the victim may be told who
// is writing; email is not. 0151 496 0xxx are Ofcom drama numbers.
function policeReferral(overrides = {}) {
  crime += 1;
  return {
    channel: 'police', area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: `MSG/${crime}/26`,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
    local_authority: 'E08000012',
    victim: { type: 'person', name: 'Jordan Inventedname', phone: '0151 496 0000', email: 'jordan@example.com' },
    safe_contact: {
      safe_channels: ['call', 'text', 'letter'], safe_phone: '0151 496 0456',
      safe_address: '9 Invented Close, Liverpool', voicemail_allowed: false, may_say_who_we_are: true,
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

// One session per person (a TOTP code works once).
async function as([email, password]) {
  if (!sessions.has(email)) {
    const browser = await signedInBrowser(server.url, email, password);
    const home = await browser.get('/staff');
    assert.equal(home.status, 200, `signed in as ${email}`);
    browser.csrf = hiddenField(home.text, 'csrf_token');
    sessions.set(email, browser);
  }
  return sessions.get(email);
}

const userId = (email) => querySqlite(server, `SELECT id FROM users WHERE email = '${email}'`).trim();
const version = (html) => hiddenField(html, 'version');
const sql = (q) => querySqlite(server, q).trim();
const outboxRows = (id) => Number(sql(`SELECT count(*) FROM outbox_messages WHERE case_id = '${id}'`));
const post = (browser, path, fields) => browser.post(path, { csrf_token: browser.csrf, ...fields });

async function allocate(id, login) {
  const leader = await as(LOGIN.leader);
  const page = await leader.get(`/cases/${id}`);
  const done = await post(leader, `/cases/${id}/allocation`, { version: version(page.text), user_id: userId(login[0]), how: 'chosen' });
  assert.equal(done.status, 303);
}

async function sendIntroduction(browser, id, channel) {
  const page = await browser.get(`/cases/${id}/messages`);
  assert.equal(page.status, 200);
  return post(browser, `/cases/${id}/messages`, { version: version(page.text), channel });
}

before(async () => {
  server = await startServer({ env: { VG_CLOCK_START: CLOCK_START } });
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('the named contact introduction', () => {
  test('after allocation the case asks for one, and a text to the safe number is queued', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    const advisor = await as(LOGIN.advisor);
    const casePage = await advisor.get(`/cases/${sent.id}`);
    assert.match(casePage.text, /Tell them who their named contact is/);
    assert.match(casePage.text, new RegExp(`href="/cases/${sent.id}/messages"`));
    const section = await advisor.get(`/cases/${sent.id}/messages`);
    assert.match(section.text, /Send an introduction/);
    // Email is offered but disabled, with the reason.
    assert.match(section.text, /id="channel-email"[^>]* disabled/);
    assert.match(section.text, /Not allowed: Their safe-contact profile does not allow an email/);

    const queued = await sendIntroduction(advisor, sent.id, 'text');
    assert.equal(queued.status, 303);
    assert.equal(outboxRows(sent.id), 1);
    const row = sql(`SELECT channel || '|' || recipient || '|' || template_code FROM outbox_messages WHERE case_id = '${sent.id}'`);
    assert.equal(row, 'text|0151 496 0456|named_contact_introduction');
    const body = sql(`SELECT body FROM outbox_messages WHERE case_id = '${sent.id}'`);
    assert.match(body, /Sam Advisor is your named contact/);
    // The send job is queued with the message (ids only in its payload).
    const job = sql(`SELECT count(*) FROM jobs WHERE kind = 'outbox.send' AND payload LIKE '%' || (SELECT id FROM outbox_messages WHERE case_id = '${sent.id}') || '%'`);
    assert.equal(job, '1');
    // The audit entry and the timeline carry codes and ids, never the number or the words.
    const audit = sql(`SELECT detail FROM audit_log WHERE action = 'message.queued' AND entity_id = '${sent.id}'`);
    assert.match(audit, /"channel":"text"/);
    assert.doesNotMatch(audit, /0151|Advisor is your/);
    const after = await advisor.get(`/cases/${sent.id}`);
    assert.match(after.text, /Introduction of their named contact queued \(Text message\)/);
    assert.doesNotMatch(after.text, /Tell them who their named contact is/, 'no longer asked for');
    assert.ok(!server.logs.join('').includes('0151 496 0456'), 'the recipient is never logged');
  });

  test('an unsafe channel is refused with the reason and nothing is queued', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    const advisor = await as(LOGIN.advisor);
    const refused = await sendIntroduction(advisor, sent.id, 'email');
    assert.equal(refused.status, 422);
    const links = errorSummaryLinks(refused.text);
    assert.deepEqual(links.map((l) => l.anchor), ['channel']);
    assert.match(links[0].message, /does not allow an email/);
    const call = await sendIntroduction(advisor, sent.id, 'call');
    assert.equal(call.status, 422);
    assert.equal(outboxRows(sent.id), 0);
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'message.queued' AND entity_id = '${sent.id}'`), '0');
  });

  test('when nothing is safe the page says why and nothing can be sent', async () => {
    const sent = await sendReferral(policeReferral({ safe_contact: {
      safe_channels: ['call'], safe_phone: '0151 496 0456', voicemail_allowed: false, may_say_who_we_are: false } }));
    await allocate(sent.id, LOGIN.advisor);
    const advisor = await as(LOGIN.advisor);
    const page = await advisor.get(`/cases/${sent.id}/messages`);
    assert.match(page.text, /No message can be sent/);
    const refused = await sendIntroduction(advisor, sent.id, 'letter');
    assert.equal(refused.status, 422);
    assert.match(errorSummaryLinks(refused.text)[0].message, /does not allow a letter/);
    const none = await sendIntroduction(advisor, sent.id, 'none');
    assert.equal(none.status, 303);
    assert.equal(outboxRows(sent.id), 0);
    assert.match((await advisor.get(`/cases/${sent.id}`)).text, /Introduction of their named contact: not sent/);
  });

  test('a hand-over is counted and asks for a hand-over message, sent by letter', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    await allocate(sent.id, LOGIN.assessor);
    assert.equal(sql(`SELECT handovers FROM cases WHERE id = '${sent.id}'`), '1');
    const assessor = await as(LOGIN.assessor);
    const page = await assessor.get(`/cases/${sent.id}/messages`);
    assert.match(page.text, /Tell them about their new named contact/);
    const queued = await sendIntroduction(assessor, sent.id, 'letter');
    assert.equal(queued.status, 303);
    assert.equal(sql(`SELECT channel || '|' || template_code FROM outbox_messages WHERE case_id = '${sent.id}'`),
      'letter|named_contact_handover');
  });

  test('a case with no caseworker cannot send one', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await as(LOGIN.leader);
    const page = await leader.get(`/cases/${sent.id}/messages`);
    assert.equal(page.status, 200);
    assert.match(page.text, /No caseworker holds this case yet/);
    const refused = await post(leader, `/cases/${sent.id}/messages`, { version: version((await leader.get(`/cases/${sent.id}`)).text), channel: 'text' });
    assert.ok([403, 409].includes(refused.status), `status ${refused.status}`);
    assert.equal(outboxRows(sent.id), 0);
  });
});

describe('direct referral to routing\'s chosen specialist', () => {
  const consent = { basis: 'explicit_consent', captured_by: 'police:E23000004', captured_at: '2026-11-21T14:00:00Z', method: 'police_form' };
  const onward = (id) => sql(`SELECT service_id || '|' || state || '|' || sent_by FROM onward_referrals WHERE case_id = '${id}'`);

  test('with consent, the case reaches the ISVA service\'s inbox at once', async () => {
    const sent = await sendReferral(policeReferral({ offence_category: 'rape', flags: { sexual_offence: true }, consent }));
    assert.equal(sent.assessment.decision.refer_directly, true);
    assert.equal(onward(sent.id), `${RASA_ISVA}|sent|system:routing`);
    const partner = await as(LOGIN.partner);
    const inbox = await partner.get('/inbox');
    assert.equal(inbox.status, 200);
    assert.match(inbox.text, new RegExp(sent.reference));
    const audit = sql(`SELECT actor FROM audit_log WHERE action = 'case.onward_referral_sent' AND entity_id = '${sent.id}'`);
    assert.equal(audit, 'system:routing');
  });

  test('awaiting consent, it waits, and goes when consent is recorded', async () => {
    const sent = await sendReferral(policeReferral({ offence_category: 'rape', flags: { sexual_offence: true } }));
    assert.equal(onward(sent.id), '', 'nothing shared before consent');
    const leader = await as(LOGIN.leader);
    let page = await leader.get(`/cases/${sent.id}`);
    assert.match(page.text, /To be referred to ISVA service – RASA Merseyside once consent is recorded/);
    const given = await post(leader, `/cases/${sent.id}/consent`, {
      version: version(page.text), change: 'give', given_by: 'victim', method: 'phone', scope: 'referral_to_support' });
    assert.equal(given.status, 303);
    assert.equal(onward(sent.id), `${RASA_ISVA}|sent|system:routing`);
    const partner = await as(LOGIN.partner);
    assert.match((await partner.get('/inbox')).text, new RegExp(sent.reference));
  });

  test('a service without the flag is not referred directly', async () => {
    const sent = await sendReferral(policeReferral());
    assert.equal(sent.assessment.decision.refer_directly, undefined);
    assert.equal(onward(sent.id), '');
  });
});

describe('appointment reminders', () => {
  // Tuesday 29 December 2026: the 28th is the Boxing Day bank holiday (substitute day), the 26th
  // and 27th a weekend, the 25th Christmas Day, so the working day before is Thursday 24th.
  const appointment = {
    'appointment-day': '29', 'appointment-month': '12', 'appointment-year': '2026',
    appointment_time: '2:30pm', appointment_kind: 'in_person',
  };
  const messageId = (id) => sql(`SELECT id FROM outbox_messages WHERE case_id = '${id}'`);
  const sendJob = (id) => sql(`SELECT status || '|' || run_after FROM jobs WHERE kind = 'outbox.send' AND payload LIKE '%${messageId(id)}%'`);
  const runJobsAt = (at) => vg(['jobs', 'run-due'], { ...server.env, VG_CLOCK_START: at }).stdout;

  async function bookReminder(browser, id, fields) {
    const page = await browser.get(`/cases/${id}/messages`);
    assert.equal(page.status, 200);
    return post(browser, `/cases/${id}/messages/reminder`, { version: version(page.text), ...fields });
  }

  test('queued for 09:00 London on the working day before, and not sent before then', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    const advisor = await as(LOGIN.advisor);
    const page = await advisor.get(`/cases/${sent.id}/messages`);
    assert.match(page.text, /Remind them of an appointment/);
    assert.match(page.text, /id="reminder_channel-email"[^>]* disabled/);

    const booked = await bookReminder(advisor, sent.id, { ...appointment, reminder_channel: 'text' });
    assert.equal(booked.status, 303, booked.text?.slice(0, 400));
    assert.equal(sql(`SELECT channel || '|' || recipient || '|' || template_code || '|' || status FROM outbox_messages WHERE case_id = '${sent.id}'`),
      'text|0151 496 0456|appointment_reminder|queued');
    const body = sql(`SELECT body FROM outbox_messages WHERE case_id = '${sent.id}'`);
    assert.match(body, /appointment with Sam Advisor on Tuesday 29 December 2026 at 2:30pm, in person at /);
    assert.match(body, new RegExp(sent.reference));
    assert.match(sendJob(sent.id), /^queued\|2026-12-24T09:00:00(\.0+)?Z$/);

    // The jobs due now (Monday 14th) do not include it.
    runJobsAt(CLOCK_START);
    assert.match(sendJob(sent.id), /^queued\|/);
    assert.equal(sql(`SELECT status || '|' || coalesce(sent_at, '') FROM outbox_messages WHERE case_id = '${sent.id}'`), 'queued|');

    const audit = sql(`SELECT detail FROM audit_log WHERE action = 'message.queued' AND entity_id = '${sent.id}'`);
    assert.match(audit, /"template":"appointment_reminder"/);
    assert.match(audit, /"appointment_date":"2026-12-29"/);
    assert.doesNotMatch(audit, /0151|Sam Advisor/);
    const casePage = await advisor.get(`/cases/${sent.id}`);
    assert.match(casePage.text, /Appointment reminder queued for Tuesday 29 December 2026 \(Text message\)/);
    const section = await advisor.get(`/cases/${sent.id}/messages`);
    assert.match(section.text, /Appointment reminder for Tuesday 29 December 2026 \(goes Thursday 24 December 2026\)/);
    assert.ok(!server.logs.join('').includes('0151 496 0456'), 'the recipient is never logged');
  });

  test('an unsafe channel, or an appointment not in the future, is refused with 422 and nothing is queued', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    const advisor = await as(LOGIN.advisor);
    const unsafe = await bookReminder(advisor, sent.id, { ...appointment, reminder_channel: 'email' });
    assert.equal(unsafe.status, 422);
    const links = errorSummaryLinks(unsafe.text);
    assert.deepEqual(links.map((l) => l.anchor), ['reminder_channel']);
    assert.match(links[0].message, /does not allow an email/);
    assert.match(unsafe.text, /value="2:30pm"/, 'the answers are kept');

    const past = await bookReminder(advisor, sent.id, {
      'appointment-day': '11', 'appointment-month': '12', 'appointment-year': '2026', appointment_time: 'soon', reminder_channel: 'text' });
    assert.equal(past.status, 422);
    assert.deepEqual(errorSummaryLinks(past.text).map((l) => l.anchor), ['appointment_time', 'appointment_kind']);
    const gone = await bookReminder(advisor, sent.id, { ...appointment, 'appointment-day': '11', reminder_channel: 'text' });
    assert.equal(gone.status, 422);
    assert.deepEqual(errorSummaryLinks(gone.text).map((l) => l.anchor), ['appointment-day']);
    assert.match(errorSummaryLinks(gone.text)[0].message, /must be in the future/);
    assert.equal(outboxRows(sent.id), 0);
    assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'message.queued' AND entity_id = '${sent.id}'`), '0');
  });

  test('a case with no caseworker cannot book one', async () => {
    const sent = await sendReferral(policeReferral());
    const leader = await as(LOGIN.leader);
    const refused = await post(leader, `/cases/${sent.id}/messages/reminder`, {
      version: version((await leader.get(`/cases/${sent.id}`)).text), ...appointment, reminder_channel: 'text' });
    assert.ok([403, 409].includes(refused.status), `status ${refused.status}`);
    assert.equal(outboxRows(sent.id), 0);
  });

  test('closed before its time, the reminder is cancelled when its job runs, not sent', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    const advisor = await as(LOGIN.advisor);
    assert.equal((await bookReminder(advisor, sent.id, { ...appointment, reminder_channel: 'letter' })).status, 303);
    const close = await advisor.get(`/cases/${sent.id}/close`);
    const closed = await post(advisor, `/cases/${sent.id}/close`, { version: version(close.text), step: 'confirm', reason: 'declined_support' });
    assert.equal(closed.status, 303, closed.text?.slice(0, 400));
    assert.equal(sql(`SELECT status FROM cases WHERE id = '${sent.id}'`), 'closed');

    const out = runJobsAt('2026-12-24T09:00:30Z');
    assert.match(out, /jobs: [1-9]\d* run/);
    assert.equal(sql(`SELECT status || '|' || last_error || '|' || coalesce(sent_at, '') FROM outbox_messages WHERE case_id = '${sent.id}'`),
      'cancelled|case_closed|');
    assert.match(sendJob(sent.id), /^done\|/);
    const audit = sql(`SELECT detail FROM audit_log WHERE action = 'message.cancelled' AND entity_id = '${messageId(sent.id)}'`);
    assert.match(audit, /"reason":"case_closed"/);
  });

  test('consent withdrawn before its time: cancelled too', async () => {
    const sent = await sendReferral(policeReferral());
    await allocate(sent.id, LOGIN.advisor);
    const leader = await as(LOGIN.leader);
    let page = await leader.get(`/cases/${sent.id}`);
    assert.equal((await post(leader, `/cases/${sent.id}/consent`, {
      version: version(page.text), change: 'give', given_by: 'victim', method: 'phone', scope: 'referral_to_support' })).status, 303);
    const advisor = await as(LOGIN.advisor);
    assert.equal((await bookReminder(advisor, sent.id, { ...appointment, reminder_channel: 'text' })).status, 303);
    page = await leader.get(`/cases/${sent.id}`);
    assert.equal((await post(leader, `/cases/${sent.id}/consent`, {
      version: version(page.text), change: 'withdraw', given_by: 'victim', method: 'phone' })).status, 303);
    runJobsAt('2026-12-24T09:00:30Z');
    assert.equal(sql(`SELECT status || '|' || last_error FROM outbox_messages WHERE case_id = '${sent.id}'`), 'cancelled|consent_withdrawn');
  });
});
