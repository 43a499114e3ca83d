// Safeguarding concerns recorded beside a live chat, over plain HTTP against a real server and
// database: the advisor who took the chat records the kind and a short note on the chat's page
// (999 first for danger to life); a form with nothing chosen is refused on the form with nothing
// stored; the concern is shown beside the chat, audited with its kind and never its words, kept
// sealed, and never shown to the victim; anyone who may not answer the chat gets the same answer
// as for a chat that does not exist; and when the chat becomes a referral the concern becomes a
// safeguarding task on the case, shown with the case's chat. Everyone here is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { logEntries, logsCaughtUp, querySqlite, startServer } from '../../support/server.mjs';
import { Browser, hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const PARTNER = ['partner@demo.victim-gateway.test', 'demo-partner-password'];
const NOTE = 'Said the invented child Pim Quillby is left alone at night';

let server;
before(async () => { server = await startServer(); }, { timeout: 300_000 });
after(async () => { await server?.stop(); });

const textOf = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)[1];
const queuedIds = (html) => [...html.matchAll(/action="\/staff\/chats\/([0-9a-f-]+)\/take"/g)].map((m) => m[1]);
const concernCount = (id) => Number(querySqlite(server, `SELECT count(*) FROM chat_concerns WHERE chat_id = '${id}'`));

// A victim's chat taken by the advisor: [victim, advisor, chat id, csrf].
async function takenChat() {
  const advisor = await signedInBrowser(server.url, ...ADVISOR);
  await advisor.get('/staff/chats');
  const victim = new Browser(server.url);
  assert.equal((await victim.post('/chat/start', { area: 'merseyside' })).status, 303);
  assert.equal((await victim.post('/chat/messages', { message: 'I am scared to go home' })).status, 303);
  const queue = await advisor.get('/staff/chats');
  const id = queuedIds(queue.text).at(-1);
  const csrf = hiddenField(queue.text, 'csrf_token');
  assert.equal((await advisor.post(`/staff/chats/${id}/take`, { csrf_token: csrf })).status, 303);
  return [victim, advisor, id, csrf];
}

test('the advisor records a concern beside the chat: refused with nothing chosen, then shown, audited and sealed', async () => {
  const [victim, advisor, id, csrf] = await takenChat();
  const page = await advisor.get(`/staff/chats/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`action="/staff/chats/${id}/concerns"`));
  assert.match(textOf(page.text), /call 999 first/);
  for (const kind of ['child_at_risk', 'adult_at_risk', 'danger_to_life', 'domestic_abuse_high_risk', 'other']) {
    assert.match(page.text, new RegExp(`name="kind" type="radio" value="${kind}"`));
  }

  const empty = await advisor.post(`/staff/chats/${id}/concerns`, { csrf_token: csrf, note: '' });
  assert.equal(empty.status, 400);
  assert.match(titleOf(empty.text), /^Error: /);
  assert.deepEqual(errorSummaryLinks(empty.text).map((l) => l.anchor), ['kind', 'note']);
  assert.equal(concernCount(id), 0);
  const unknown = await advisor.post(`/staff/chats/${id}/concerns`, { csrf_token: csrf, kind: 'nonsense', note: 'x' });
  assert.equal(unknown.status, 400);
  assert.match(unknown.text, /value="x"|>x</, 'what was typed is shown again');
  assert.equal(concernCount(id), 0);
  const noCsrf = await advisor.post(`/staff/chats/${id}/concerns`, { kind: 'other', note: 'x' });
  assert.equal(noCsrf.status, 403);
  assert.equal(concernCount(id), 0);

  const recorded = await advisor.post(`/staff/chats/${id}/concerns`, { csrf_token: csrf, kind: 'child_at_risk', note: NOTE });
  assert.equal(recorded.status, 303);
  assert.equal(recorded.location, `/staff/chats/${id}#concerns`);
  assert.equal(concernCount(id), 1);
  const shown = textOf((await advisor.get(`/staff/chats/${id}`)).text);
  assert.match(shown, /Safeguarding concerns/);
  assert.match(shown, /Child at risk/);
  assert.match(shown, new RegExp(NOTE));

  // Sealed at rest; audited with the kind, never the words; never in a log line.
  const stored = querySqlite(server, `SELECT kind || ' ' || note_key_id || ' ' || note_sealed FROM chat_concerns WHERE chat_id = '${id}'`);
  assert.match(stored, /^child_at_risk \S+ \S+$/);
  assert.doesNotMatch(stored, /Pim|alone/);
  const audited = querySqlite(server, `SELECT detail FROM audit_log WHERE action = 'chat.concern' AND entity_id = '${id}'`);
  assert.match(audited, /"kind":"child_at_risk"/);
  assert.doesNotMatch(audited, /Pim|alone/);
  await logsCaughtUp(server);
  assert.ok(!logEntries(server).some((e) => JSON.stringify(e).includes('Pim Quillby')), 'the note is never logged');

  // The victim sees nothing of it.
  const victimPage = await victim.get('/chat');
  assert.doesNotMatch(victimPage.text, /Safeguarding concerns|Pim Quillby|left alone at night/);
});

test('anyone who may not answer the chat is told it does not exist, and nothing is stored', async () => {
  const [, , id] = await takenChat();
  const leader = await signedInBrowser(server.url, ...LEADER);
  const leaderCsrf = hiddenField((await leader.get('/staff/chats')).text, 'csrf_token');
  const other = await leader.post(`/staff/chats/${id}/concerns`, { csrf_token: leaderCsrf, kind: 'other', note: 'x' });
  assert.equal(other.status, 404, 'a colleague who did not take the chat');
  const missing = await leader.post('/staff/chats/00000000-0000-4000-8000-000000000000/concerns', { csrf_token: leaderCsrf, kind: 'other', note: 'x' });
  assert.equal(missing.status, 404);
  assert.equal(textOf(other.text), textOf(missing.text), 'the same page as for a chat that does not exist');
  const partner = await signedInBrowser(server.url, ...PARTNER);
  assert.equal((await partner.post(`/staff/chats/${id}/concerns`, { kind: 'other', note: 'x' })).status, 403, 'a role that answers no chat');
  const anonymous = await new Browser(server.url).post(`/staff/chats/${id}/concerns`, { kind: 'other', note: 'x' });
  assert.ok(anonymous.status === 403 || anonymous.location?.startsWith('/sign-in'), `signed out: ${anonymous.status}`);
  assert.equal(concernCount(id), 0);
});

test('when the chat becomes a referral each concern becomes a safeguarding task on the case', async () => {
  const [, advisor, id, csrf] = await takenChat();
  assert.equal((await advisor.post(`/staff/chats/${id}/concerns`, { csrf_token: csrf, kind: 'danger_to_life', note: 'Called 999 for the invented caller' })).status, 303);
  const form = await advisor.get(`/staff/referrals/new?chat=${id}`);
  const sent = await advisor.post('/staff/referrals/new', {
    csrf_token: hiddenField(form.text, 'csrf_token'), form_id: hiddenField(form.text, 'form_id'),
    started_at: hiddenField(form.text, 'started_at'), chat_id: id, channel: 'chat',
    'victim.type': 'person', 'victim.name': 'Robin Inventedname', 'victim.age': '34',
    offence_category: 'burglary_residential', 'incident_date-day': '1', 'incident_date-month': '10',
    'incident_date-year': '2025', local_authority: 'E08000012', reported_to_police: 'no',
    'safe_contact.safe_channels': ['email'], 'safe_contact.safe_email': 'robin.inventedname@example.com',
    consent: 'given', account: 'Someone invented broke into the made-up shed.', action: 'send',
  });
  assert.equal(sent.status, 303, sent.text.slice(0, 300));
  const reference = sent.location.split('/').pop();
  const caseId = querySqlite(server, `SELECT id FROM referrals WHERE reference = '${reference}'`);
  const task = () => querySqlite(server, `SELECT kind || '|' || reason_code || '|' || title FROM case_tasks WHERE case_id = '${caseId}' AND reason_code LIKE 'chat_concern_%' ORDER BY created_at`);
  assert.match(task(), /^safeguarding_referral\|chat_concern_danger_to_life\|Check that 999 was called/);
  assert.equal(querySqlite(server, `SELECT count(*) FROM chat_concerns WHERE chat_id = '${id}' AND case_task_id IS NOT NULL`), '1');

  // One recorded after the referral goes straight onto the case.
  assert.equal((await advisor.post(`/staff/chats/${id}/concerns`, { csrf_token: csrf, kind: 'adult_at_risk', note: 'An invented neighbour is at risk' })).status, 303);
  assert.equal(task().split('\n').length, 2);
  const tasksPage = textOf((await advisor.get(`/cases/${caseId}/tasks`)).text);
  assert.match(tasksPage, /Make an adult safeguarding referral/);

  // Whoever reads the case's chat reads the concerns beside it.
  const transcript = textOf((await advisor.get(`/cases/${caseId}/chat`)).text);
  assert.match(transcript, /Immediate danger to life/);
  assert.match(transcript, /Called 999 for the invented caller/);
  assert.match(transcript, /A safeguarding task was added to the case/);
});
