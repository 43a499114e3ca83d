// A chat made into a referral, over plain HTTP against a real server and database: the advisor
// who took the chat opens the staff referral form from it (channel chat, no choice), a send
// without the victim's agreement is refused on the form with nothing stored, with it the
// referral goes through the intake every channel uses and the chat names it once (a second send
// gives the same reference); the victim's chat shows the reference and nothing else; the case
// links to the transcript, which those who may read the case read (each read audited) and others
// cannot. Out of hours the chat lists 999, the area's helplines from its directory and the
// self-referral. Everyone here is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { querySqlite, startServer } from '../../support/server.mjs';
import { Browser, hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const PARTNER = ['partner@demo.victim-gateway.test', 'demo-partner-password'];

let server;
before(async () => { server = await startServer(); }, { timeout: 300_000 });
after(async () => { await server?.stop(); });

const textOf = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'").replace(/\s+/g, ' ');
const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)[1];
const queuedIds = (html) => [...html.matchAll(/action="\/staff\/chats\/([0-9a-f-]+)\/take"/g)].map((m) => m[1]);
const referralCount = () => Number(querySqlite(server, 'SELECT count(*) FROM referrals'));

// What the advisor learnt in the chat, as the staff form takes it: an invented adult's burglary
// in Liverpool.
const answers = (overrides = {}) => ({
  'victim.type': 'person',
  'victim.name': 'Robin Inventedname',
  'victim.age': '34',
  offence_category: 'burglary_residential',
  'incident_date-day': '1',
  'incident_date-month': '10',
  'incident_date-year': '2025',
  local_authority: 'E08000012',
  reported_to_police: 'no',
  'safe_contact.safe_channels': ['email'],
  'safe_contact.safe_email': 'robin.inventedname@example.com',
  consent: 'given',
  account: 'Someone invented broke into the made-up shed behind Quillby Terrace.',
  ...overrides,
});

// A victim's chat taken by the advisor, with one message each way: [victim, advisor, chat id].
async function takenChat() {
  const advisor = await signedInBrowser(server.url, ...ADVISOR);
  await advisor.get('/staff/chats');
  const victim = new Browser(server.url);
  assert.equal((await victim.post('/chat/start', { area: 'merseyside' })).status, 303);
  assert.equal((await victim.post('/chat/messages', { message: 'My shed was broken into last night' })).status, 303);
  const queue = await advisor.get('/staff/chats');
  const [id] = queuedIds(queue.text);
  const csrf = hiddenField(queue.text, 'csrf_token');
  assert.equal((await advisor.post(`/staff/chats/${id}/take`, { csrf_token: csrf })).status, 303);
  assert.equal((await advisor.post(`/staff/chats/${id}/messages`, { csrf_token: csrf, message: 'I am sorry. Shall I refer you for support?' })).status, 303);
  return [victim, advisor, id];
}

test('with the victim\'s agreement the advisor makes the chat one referral, and the victim sees its reference', async () => {
  const [victim, advisor, id] = await takenChat();
  const chat = await advisor.get(`/staff/chats/${id}`);
  assert.match(chat.text, new RegExp(`href="/staff/referrals/new\\?chat=${id}"`));

  const form = await advisor.get(`/staff/referrals/new?chat=${id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<input type="hidden" name="chat_id" value="${id}">`));
  assert.match(form.text, /<input type="hidden" name="channel" value="chat">/);
  assert.doesNotMatch(form.text, /How did the referral reach you/, 'a chat\'s referral came by chat');
  const hidden = {
    csrf_token: hiddenField(form.text, 'csrf_token'),
    form_id: hiddenField(form.text, 'form_id'),
    started_at: hiddenField(form.text, 'started_at'),
    chat_id: id,
    channel: 'chat',
  };

  // Not yet agreed: refused on the form, nothing stored, the chat still no referral.
  const before = referralCount();
  const unasked = await advisor.post('/staff/referrals/new', { ...hidden, ...answers({ consent: 'not_asked' }), action: 'send' });
  assert.equal(unasked.status, 400);
  assert.match(titleOf(unasked.text), /^Error: /);
  assert.deepEqual(errorSummaryLinks(unasked.text).map((l) => l.anchor), ['consent']);
  assert.equal(referralCount(), before);
  const missing = await advisor.post('/staff/referrals/new', { ...hidden, ...answers({ 'victim.name': '' }), action: 'send' });
  assert.equal(missing.status, 400);
  assert.equal(referralCount(), before);

  const sent = await advisor.post('/staff/referrals/new', { ...hidden, ...answers(), action: 'send' });
  assert.equal(sent.status, 303, sent.text.slice(0, 500));
  const reference = sent.location.match(/^\/staff\/referrals\/(MY-\d{4}-\d{6})$/)?.[1];
  assert.ok(reference, sent.location);
  assert.equal(referralCount(), before + 1);
  assert.equal(querySqlite(server, `SELECT channel || ' ' || consent_state FROM referrals WHERE reference = '${reference}'`), 'chat consented');

  // Again (the same form, or a changed one): the same referral, no second one.
  const again = await advisor.post('/staff/referrals/new', { ...hidden, ...answers(), action: 'send' });
  assert.equal(again.location, `/staff/referrals/${reference}`);
  const changed = await advisor.post('/staff/referrals/new', { ...hidden, ...answers({ 'victim.age': '35' }), action: 'send' });
  assert.equal(changed.location, `/staff/referrals/${reference}`);
  assert.equal((await advisor.get(`/staff/referrals/new?chat=${id}`)).location, `/staff/referrals/${reference}`);
  assert.equal(referralCount(), before + 1);

  // The victim: the reference, nothing else of the referral, under the same neutral title.
  const seen = await victim.get('/chat');
  assert.equal(titleOf(seen.text), 'Talk to someone – Find support after a crime');
  assert.match(textOf(seen.text), new RegExp(`Your reference is ${reference}`));
  assert.doesNotMatch(seen.text, /burglary|Robin|Goes to|routed/i);
  assert.match(textOf((await advisor.get(`/staff/chats/${id}`)).text), new RegExp(`This chat became referral ${reference}`));
});

test('the case links to its chat, which whoever may read the case reads, each read audited', async () => {
  const [, advisor, id] = await takenChat();
  const form = await advisor.get(`/staff/referrals/new?chat=${id}`);
  const sent = await advisor.post('/staff/referrals/new', {
    csrf_token: hiddenField(form.text, 'csrf_token'), form_id: hiddenField(form.text, 'form_id'),
    started_at: hiddenField(form.text, 'started_at'), chat_id: id, channel: 'chat', ...answers(), action: 'send',
  });
  const reference = sent.location.split('/').pop();
  const caseId = querySqlite(server, `SELECT id FROM referrals WHERE reference = '${reference}'`);
  const summary = await advisor.get(`/cases/${caseId}`);
  assert.equal(summary.status, 200);
  assert.match(summary.text, new RegExp(`href="/cases/${caseId}/chat"`));

  const readsBefore = Number(querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'case.chat_read' AND entity_id = '${caseId}'`));
  const transcript = await advisor.get(`/cases/${caseId}/chat`);
  assert.equal(transcript.status, 200);
  assert.match(transcript.text, /My shed was broken into last night/);
  assert.match(transcript.text, /Shall I refer you for support\?/);
  assert.match(textOf(transcript.text), new RegExp(`Referral ${reference} made from this chat`));
  assert.equal(Number(querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'case.chat_read' AND entity_id = '${caseId}'`)), readsBefore + 1);

  // A partner the case was not shared with: as if there were no such case.
  const partner = await signedInBrowser(server.url, ...PARTNER);
  const refused = await partner.get(`/cases/${caseId}/chat`);
  assert.equal(refused.status, 404);
  assert.doesNotMatch(refused.text, /broken into/);
  assert.equal((await new Browser(server.url).get(`/cases/${caseId}/chat`)).location, '/sign-in');
});

test('no advisor on: the chat lists 999, the area\'s helplines from its directory and the self-referral', async () => {
  const closed = await new Browser(server.url).post('/chat/start', { area: 'staffordshire' });
  assert.equal(closed.status, 200);
  const text = textOf(closed.text);
  assert.match(text, /call 999/);
  assert.match(closed.text, /href="\/refer"/);
  const listed = [...closed.text.matchAll(/<a class="govuk-link" href="\/find-support\/services\/([0-9a-f-]+)">/g)].map((m) => m[1]);
  assert.ok(listed.length >= 1, 'at least one helpline from the directory');
  for (const serviceId of listed) {
    const terms = querySqlite(server, `SELECT count(*) FROM services WHERE id = '${serviceId}'`);
    assert.equal(terms, '1', 'each is a service of the directory');
  }
  assert.match(closed.text, /href="tel:/);
  assert.match(text, /When the chat is open/, 'Staffordshire keeps opening hours');
});
