// A case's support over plain HTTP against a real server and database: the demo advisor, once the
// team leader has allocated them the case, keeps a draft of the needs assessment that survives a
// fresh page, completes it (the needs-assessment clock stops, next_due moves), adds plan actions
// and a note that is stored encrypted (its words are nowhere in the database file), records a
// complaint and restorative justice, and closes the case: without rating the needs again it is
// refused (422); with them, the outcome per need is stored; and the closed case refuses a
// contact attempt. Every person is invented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { querySqlite, sqliteFile, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  police: ['police@demo.victim-gateway.test', 'demo-police-password'],
};
const DOMAINS = ['physical_health', 'mental_health', 'safety', 'justice_process', 'social_interaction',
  'accommodation', 'finance', 'drugs_alcohol', 'education_employment', 'children_family'];
const NOTE = 'Invented note: Morgan sleeps at a friend flat since the burglary';

let server;
let forceKey;
let advisor;
let leader;
let caseId;
let crime = 0;

async function sendReferral() {
  crime += 1;
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `NEEDS/${crime}/26`,
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: 'Morgan Inventedname', date_of_birth: '1960-02-03', phone: '0151 496 0000' },
      safe_contact: { safe_channels: ['call'], safe_phone: '0151 496 0123', voicemail_allowed: false, may_say_who_we_are: false },
    }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

async function signIn([email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

const userId = (email) => querySqlite(server, `SELECT id FROM users WHERE email = '${email}'`).trim();
const version = (html) => hiddenField(html, 'version');
const caseRow = (column) => querySqlite(server, `SELECT ${column} FROM cases WHERE id = '${caseId}'`).trim();
const post = (browser, path, fields) => browser.post(path, { csrf_token: browser.csrf, ...fields });
// A date `days` from today (UTC) as the GOV.UK date input's three fields.
const dateFields = (name, days) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return { [`${name}-day`]: String(d.getUTCDate()), [`${name}-month`]: String(d.getUTCMonth() + 1), [`${name}-year`]: String(d.getUTCFullYear()) };
};
const ratings = (value, except = []) => Object.fromEntries(DOMAINS.filter((d) => !except.includes(d)).map((d) => [`need_${d}`, typeof value === 'function' ? value(d) : value]));

before(async () => {
  server = await startServer();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  caseId = (await sendReferral()).id;
  leader = await signIn(LOGIN.leader);
  const page = await leader.get(`/cases/${caseId}`);
  const allocated = await post(leader, `/cases/${caseId}/allocation`, { version: version(page.text), user_id: userId(LOGIN.advisor[0]), how: 'chosen' });
  assert.equal(allocated.status, 303);
  advisor = await signIn(LOGIN.advisor);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('the needs assessment', () => {
  test('the case has the new sections as tabs', async () => {
    const page = await advisor.get(`/cases/${caseId}`);
    for (const href of ['needs', 'plan', 'notes', 'rights', 'close']) {
      assert.match(page.text, new RegExp(`href="/cases/${caseId}/${href}"`));
    }
  });

  test('a draft is kept on the server and survives a fresh page', async () => {
    const form = await advisor.get(`/cases/${caseId}/needs`);
    assert.equal(form.status, 200);
    const saved = await post(advisor, `/cases/${caseId}/needs`, {
      version: version(form.text), action: 'save', need_safety: 'high', note_safety: 'Invented draft: scared at night' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/cases/${caseId}/needs?saved=yes`);
    // The case did not change: nobody else's form went stale.
    assert.equal(caseRow('version'), version(form.text));
    const again = await advisor.get(`/cases/${caseId}/needs`);
    assert.match(again.text, /id="need_safety-high"[^>]*checked|name="need_safety" type="radio" value="high" checked/);
    assert.match(again.text, /Invented draft: scared at night/);
    assert.match(again.text, /These are the answers you saved/);
    const stored = querySqlite(server, `SELECT sealed FROM case_form_drafts WHERE case_id = '${caseId}'`);
    assert.ok(stored.length > 0);
    assert.doesNotMatch(stored, /scared/);
  });

  test('completing it with a need unrated is refused with the need named, and nothing lands', async () => {
    const form = await advisor.get(`/cases/${caseId}/needs`);
    const refused = await post(advisor, `/cases/${caseId}/needs`, {
      version: version(form.text), action: 'complete', ...ratings('low', ['finance']) });
    assert.equal(refused.status, 422);
    assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['need_finance']);
    assert.equal(querySqlite(server, `SELECT count(*) FROM case_needs_assessments WHERE case_id = '${caseId}'`), '0');
  });

  test('completing it stops the needs clock, moves next_due and discards the draft', async () => {
    // A first contact attempt first, so the needs clock is the one next_due shows.
    let page = await advisor.get(`/cases/${caseId}`);
    const called = await post(advisor, `/cases/${caseId}/contact-attempts`, { version: version(page.text), channel: 'call', outcome: 'no_answer' });
    assert.equal(called.status, 303);
    const needsDue = querySqlite(server, `SELECT due_date FROM case_deadlines WHERE case_id = '${caseId}' AND code = 'needs_assessment'`);
    assert.equal(caseRow('next_due'), needsDue);
    page = await advisor.get(`/cases/${caseId}/needs`);
    const done = await post(advisor, `/cases/${caseId}/needs`, {
      version: version(page.text), action: 'complete',
      ...ratings((d) => (d === 'safety' ? 'high' : d === 'finance' ? 'medium' : 'none')),
      note_safety: 'Invented: the back door lock is broken' });
    assert.equal(done.status, 303, done.text.slice(0, 500));
    assert.notEqual(querySqlite(server, `SELECT met_at FROM case_deadlines WHERE case_id = '${caseId}' AND code = 'needs_assessment'`), '');
    assert.equal(caseRow('next_due'), '9999-12-31', 'no clock runs any more');
    assert.equal(querySqlite(server, `SELECT count(*) FROM case_form_drafts WHERE case_id = '${caseId}'`), '0');
    const shown = await advisor.get(`/cases/${caseId}/needs`);
    assert.match(shown.text, /Completed on/);
    assert.match(shown.text, /the back door lock is broken/);
    const timeline = await advisor.get(`/cases/${caseId}`);
    assert.match(timeline.text, /Needs assessed/);
    assert.match(querySqlite(server, `SELECT detail FROM audit_log WHERE action = 'case.needs_assessed' AND entity_id = '${caseId}'`), /"affected":2/);
  });
});

describe('the support plan and notes', () => {
  test('plan actions are added with an owner and a date, and marked done', async () => {
    let page = await advisor.get(`/cases/${caseId}/plan`);
    assert.equal(page.status, 200);
    const missing = await post(advisor, `/cases/${caseId}/plan`, { version: version(page.text), step: 'add', text: '' });
    assert.equal(missing.status, 422);
    assert.deepEqual(errorSummaryLinks(missing.text).map((l) => l.anchor), ['text', 'owner', 'due-day']);
    const added = await post(advisor, `/cases/${caseId}/plan`, {
      version: version(page.text), step: 'add', text: 'Invented: ask the landlord to fix the lock',
      owner: userId(LOGIN.advisor[0]), ...dateFields('due', 3) });
    assert.equal(added.status, 303, added.text.slice(0, 500));
    page = await advisor.get(`/cases/${caseId}/plan`);
    assert.match(page.text, /ask the landlord to fix the lock/);
    assert.doesNotMatch(querySqlite(server, `SELECT text_sealed FROM case_plan_actions WHERE case_id = '${caseId}'`), /landlord/);
    const actionId = querySqlite(server, `SELECT id FROM case_plan_actions WHERE case_id = '${caseId}'`);
    const done = await post(advisor, `/cases/${caseId}/plan`, { version: version(page.text), step: 'done', action_id: actionId });
    assert.equal(done.status, 303);
    assert.notEqual(querySqlite(server, `SELECT done_at FROM case_plan_actions WHERE id = '${actionId}'`), '');
  });

  test('a note is stored encrypted: its words are nowhere in the database file', async () => {
    let page = await advisor.get(`/cases/${caseId}/notes`);
    const added = await post(advisor, `/cases/${caseId}/notes`, { version: version(page.text), text: NOTE });
    assert.equal(added.status, 303);
    page = await advisor.get(`/cases/${caseId}/notes`);
    assert.match(page.text, /sleeps at a friend flat since the burglary/);
    const row = querySqlite(server, `SELECT key_id || ' ' || sealed FROM case_notes WHERE case_id = '${caseId}'`);
    assert.match(row, /^nk1:[0-9a-f]{16} /);
    assert.doesNotMatch(row, /friend flat/);
    assert.doesNotMatch(querySqlite(server, 'SELECT group_concat(detail) FROM audit_log'), /friend flat/);
    // The file itself, with its write-ahead log: nothing of the note in clear.
    for (const file of [sqliteFile(server), `${sqliteFile(server)}-wal`]) {
      let bytes;
      try { bytes = readFileSync(file); } catch { continue; }
      assert.equal(bytes.indexOf(Buffer.from('friend flat')), -1, `${file} holds no note in clear`);
    }
    assert.ok(querySqlite(server, `SELECT count(*) FROM audit_log WHERE action = 'case.notes_read' AND entity_id = '${caseId}'`) >= 1);
  });
});

describe('Victims\' Code rights', () => {
  test('a complaint and restorative justice are recorded with codes and dates', async () => {
    let page = await advisor.get(`/cases/${caseId}/rights`);
    assert.equal(page.status, 200);
    const complaint = await post(advisor, `/cases/${caseId}/complaints`, {
      version: version(page.text), ...dateFields('received_on', -1), subject: 'delay', outcome: 'open' });
    assert.equal(complaint.status, 303, complaint.text.slice(0, 500));
    page = await advisor.get(`/cases/${caseId}/rights`);
    const refused = await post(advisor, `/cases/${caseId}/restorative-justice`, {
      version: version(page.text), ...dateFields('offered_on', 0), answer: 'interested' });
    assert.equal(refused.status, 422);
    assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['answered_on-day']);
    const rj = await post(advisor, `/cases/${caseId}/restorative-justice`, {
      version: version(page.text), ...dateFields('offered_on', 0), answer: 'undecided' });
    assert.equal(rj.status, 303);
    page = await advisor.get(`/cases/${caseId}/rights`);
    assert.match(page.text, /Delay in contact or support/);
    assert.match(page.text, /They have not decided yet/);
    assert.equal(querySqlite(server, `SELECT answer FROM case_restorative_justice WHERE case_id = '${caseId}'`), 'undecided');
  });
});

describe('closing with measured outcomes', () => {
  test('closing without rating the needs again is refused', async () => {
    const page = await advisor.get(`/cases/${caseId}/close`);
    assert.equal(page.status, 200);
    const check = await post(advisor, `/cases/${caseId}/close`, { version: version(page.text), step: 'check', reason: 'support_completed' });
    assert.equal(check.status, 422);
    assert.equal(errorSummaryLinks(check.text).length, DOMAINS.length);
    const confirm = await post(advisor, `/cases/${caseId}/close`, { version: version(page.text), step: 'confirm', reason: 'support_completed' });
    assert.equal(confirm.status, 422);
    assert.equal(caseRow('status'), 'open');
  });

  test('the outcomes are shown to check, then stored per need when the case closes', async () => {
    const page = await advisor.get(`/cases/${caseId}/close`);
    const answers = { reason: 'support_completed', ...ratings((d) => (d === 'safety' ? 'low' : d === 'finance' ? 'none' : 'none')) };
    const check = await post(advisor, `/cases/${caseId}/close`, { version: version(page.text), step: 'check', ...answers });
    assert.equal(check.status, 200);
    assert.match(check.text, /Check the outcomes before closing/);
    assert.match(check.text, /Safety and security<\/th><td class="govuk-table__cell">A lot<\/td><td class="govuk-table__cell">A little<\/td><td class="govuk-table__cell">Partly/);
    assert.equal(caseRow('status'), 'open', 'checking stores nothing');
    const closed = await post(advisor, `/cases/${caseId}/close`, { version: hiddenField(check.text, 'version'), step: 'confirm', ...answers });
    assert.equal(closed.status, 303, closed.text.slice(0, 500));
    assert.equal(caseRow('status'), 'closed');
    const outcomes = JSON.parse(querySqlite(server, `SELECT outcomes FROM case_closures WHERE case_id = '${caseId}'`));
    assert.equal(outcomes.safety, 'partly');
    assert.equal(outcomes.finance, 'yes');
    assert.equal(outcomes.mental_health, 'no_need');
    assert.equal(querySqlite(server, `SELECT reason FROM case_closures WHERE case_id = '${caseId}'`), 'support_completed');
    const shown = await advisor.get(`/cases/${caseId}/close`);
    assert.match(shown.text, /Case closed/);
    assert.match(shown.text, /Support completed/);
  });

  test('a closed case refuses a contact attempt with a clear message', async () => {
    const page = await advisor.get(`/cases/${caseId}`);
    assert.match(page.text, /Closed/);
    const refused = await post(advisor, `/cases/${caseId}/contact-attempts`, { version: version(page.text), channel: 'call', outcome: 'no_answer' });
    assert.equal(refused.status, 409);
    assert.match(refused.text, /The case is closed/);
  });
});

describe('who may', () => {
  test('the police may not open the support pages', async () => {
    const police = await signIn(LOGIN.police);
    for (const path of ['needs', 'plan', 'notes', 'rights', 'close']) {
      assert.equal((await police.get(`/cases/${caseId}/${path}`)).status, 403, path);
    }
  });
});
