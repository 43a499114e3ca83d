// Risk on a case over plain HTTP against a real server and database: the demo risk assessor
// completes a DASH on a Merseyside hub case (14 yes: high, the queue shows High, a MARAC task for
// the area's next MARAC appears on the case and on their own task list); professional judgement
// without a reason is refused (422, nothing stored); a child victim's case gets a safeguarding
// task that cannot be dismissed without a reason; an advisor not allocated the case gets 404.
// Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ORG = { force: '7a1c0e52-3d4b-4c1e-9f00-000000000003' };  // Merseyside Police (demo)
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  assessor: ['assessor@demo.victim-gateway.test', 'demo-assessor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
};

let server;
let forceKey;
let crime = 0;
const sessions = {};

// A Merseyside police referral of domestic abuse; 0151 496 0xxx are Ofcom drama numbers.
function policeReferral(victim = {}) {
  crime += 1;
  return {
    channel: 'police', area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: `RISK/${crime}/26`,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'violence_with_injury',
    flags: { domestic_abuse: true },
    local_authority: 'E08000012',
    victim: { type: 'person', name: 'Riley Inventedname', date_of_birth: '1985-06-07', phone: '0151 496 0000', ...victim },
    consent: { basis: 'explicit_consent', captured_by: 'police:E23000004', captured_at: '2026-11-21T14:00:00Z',
      method: 'police_form', scope: 'referral_to_support' },
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

// One session per person for the whole file: a TOTP code works once.
async function as(login) {
  if (!sessions[login[0]]) {
    const browser = await signedInBrowser(server.url, login[0], login[1]);
    const home = await browser.get('/staff');
    assert.equal(home.status, 200, `signed in as ${login[0]}`);
    browser.csrf = hiddenField(home.text, 'csrf_token');
    sessions[login[0]] = browser;
  }
  return sessions[login[0]];
}

const post = (browser, path, fields) => browser.post(path, { csrf_token: browser.csrf, ...fields });
const caseRow = (id, column) => querySqlite(server, `SELECT ${column} FROM cases WHERE id = '${id}'`).trim();
const count = (sql) => Number(querySqlite(server, sql).trim());

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
// "8 December 2026" → "2026-12-08".
function isoDate(words) {
  const [day, month, year] = words.split(' ');
  return `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

// The DASH with the first `yes` questions answered yes and the rest no.
function dashAnswers(yes) {
  const fields = {};
  for (let i = 1; i <= 24; i += 1) fields[`dash_${i}`] = i <= yes ? 'yes' : 'no';
  return fields;
}

async function assess(browser, id, fields) {
  const page = await browser.get(`/cases/${id}/risk`);
  assert.equal(page.status, 200);
  return post(browser, `/cases/${id}/risk`, { version: hiddenField(page.text, 'version'), police_callouts: '0', ...fields });
}

before(async () => {
  server = await startServer();
  const out = vg(['api-keys', 'create', '--org', ORG.force], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

test('a DASH of 14 yes makes the case high, first in the queue, with a MARAC task for the next MARAC', async () => {
  const sent = await sendReferral(policeReferral());
  const assessor = await as(LOGIN.assessor);
  const form = await assessor.get(`/cases/${sent.id}/risk`);
  assert.equal(form.status, 200);
  assert.equal((form.text.match(/name="dash_\d+"/g) ?? []).length, 24 * 3, 'the 24 questions, 3 answers each');
  assert.equal((form.text.match(/name="sdash_\d+"/g) ?? []).length, 11 * 3, 'the 11 S-DASH questions');
  const nextMarac = form.text.match(/goes to the meeting on (\w+) (\d+ \w+ \d{4})/);
  assert.ok(nextMarac, 'the form says which MARAC a referral made today is for');
  assert.equal(nextMarac[1], 'Tuesday', "Merseyside's MARAC meets on Tuesdays (config/areas/merseyside/marac.json)");

  const saved = await assess(assessor, sent.id, dashAnswers(14));
  assert.equal(saved.status, 303);
  assert.equal(saved.location, `/cases/${sent.id}/risk`);
  assert.equal(caseRow(sent.id, 'risk_rank'), '2');

  const risk = await assessor.get(`/cases/${sent.id}/risk`);
  assert.match(risk.text, /id="last-level"><strong[^>]*>High</);
  assert.match(risk.text, /14 of 24/);
  assert.match(risk.text, /DASH score 14 of 24: high risk \(14 or more\)/);

  const queue = await assessor.get('/cases?risk=high');
  assert.equal(queue.status, 200);
  assert.match(queue.text, new RegExp(`${sent.reference}</a>[\\s\\S]*?govuk-tag--red">High<`));

  const tasks = await assessor.get(`/cases/${sent.id}/tasks`);
  assert.equal(tasks.status, 200);
  assert.match(tasks.text, new RegExp(`Refer to the MARAC meeting on ${nextMarac[2]}`));
  assert.equal(count(`SELECT count(*) FROM case_tasks WHERE case_id = '${sent.id}' AND kind = 'marac_referral'`), 1);
  // Due before the meeting: on or after today, and before the meeting day.
  const due = querySqlite(server, `SELECT due_date FROM case_tasks WHERE case_id = '${sent.id}'`).trim();
  assert.ok(due < isoDate(nextMarac[2]), `due ${due} before ${nextMarac[2]}`);

  const mine = await assessor.get('/tasks');
  assert.equal(mine.status, 200);
  assert.match(mine.text, new RegExp(`${sent.reference}[\\s\\S]*Refer to the MARAC meeting on ${nextMarac[2]}`));

  const summary = await assessor.get(`/cases/${sent.id}`);
  assert.match(summary.text, /Risk assessed: High \(DASH 14 of 24\)/);
  assert.match(summary.text, /Task added: MARAC referral, due/);
  // The audit entry has numbers and codes; no answer, no reason.
  const audit = querySqlite(server, `SELECT detail FROM audit_log WHERE action = 'case.risk_assessment' AND entity_id = '${sent.id}'`);
  assert.match(audit, /"dash_score":14/);
  assert.match(audit, /"level":"high"/);
});

test('judgement without a reason is refused (422) and nothing is stored; with one it raises to high', async () => {
  const sent = await sendReferral(policeReferral());
  const assessor = await as(LOGIN.assessor);
  const refused = await assess(assessor, sent.id, { ...dashAnswers(13), judgement: 'high', judgement_reason: '' });
  assert.equal(refused.status, 422);
  assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['judgement_reason']);
  assert.match(refused.text, /<title>Error: /);
  assert.match(refused.text, /value="yes" checked/, 'the answers given are kept on the form');
  assert.equal(count(`SELECT count(*) FROM case_risk_assessments WHERE case_id = '${sent.id}'`), 0);
  assert.equal(caseRow(sent.id, 'version'), '1');

  const half = await assess(assessor, sent.id, { dash_1: 'yes' });
  assert.equal(half.status, 422);
  assert.equal(errorSummaryLinks(half.text).length, 23, 'each unanswered question is named');

  const raised = await assess(assessor, sent.id, {
    ...dashAnswers(13), judgement: 'high', judgement_reason: 'Invented: threats the checklist does not capture',
  });
  assert.equal(raised.status, 303);
  assert.equal(caseRow(sent.id, 'risk_rank'), '2');
  const risk = await assessor.get(`/cases/${sent.id}/risk`);
  assert.match(risk.text, /Professional judgement: raised the risk from medium to high/);
});

test("a child victim's case gets a safeguarding task that needs a reason to be dismissed", async () => {
  const sent = await sendReferral(policeReferral({ date_of_birth: '2011-02-03' }));
  const assessor = await as(LOGIN.assessor);
  assert.equal((await assess(assessor, sent.id, dashAnswers(3))).status, 303);
  const tasks = await assessor.get(`/cases/${sent.id}/tasks`);
  assert.match(tasks.text, /Make a referral to children(&apos;|&#39;|')s safeguarding/);
  const taskId = querySqlite(server, `SELECT id FROM case_tasks WHERE case_id = '${sent.id}' AND kind = 'safeguarding_referral'`).trim();
  assert.ok(taskId, 'a safeguarding task exists');
  const taskVersion = () => querySqlite(server, `SELECT version FROM case_tasks WHERE id = '${taskId}'`).trim();

  // The task through another case's address does not exist, and stays open.
  const other = await sendReferral(policeReferral());
  const crossed = await post(assessor, `/cases/${other.id}/tasks/${taskId}/done`, { version: taskVersion() });
  assert.equal(crossed.status, 404);
  assert.equal(querySqlite(server, `SELECT done_at IS NULL FROM case_tasks WHERE id = '${taskId}'`).trim(), '1');

  const refused = await post(assessor, `/cases/${sent.id}/tasks/${taskId}/dismissal`, { version: taskVersion(), reason: '  ' });
  assert.equal(refused.status, 422);
  assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), [`reason-${taskId}`]);
  assert.equal(querySqlite(server, `SELECT dismissed_at IS NULL FROM case_tasks WHERE id = '${taskId}'`).trim(), '1');

  const dismissed = await post(assessor, `/cases/${sent.id}/tasks/${taskId}/dismissal`, {
    version: taskVersion(), reason: "Invented: children's services already hold a referral",
  });
  assert.equal(dismissed.status, 303);
  assert.equal(dismissed.location, `/cases/${sent.id}/tasks`);
  assert.equal(querySqlite(server, `SELECT dismissed_at IS NOT NULL FROM case_tasks WHERE id = '${taskId}'`).trim(), '1');
  const audit = querySqlite(server, `SELECT detail FROM audit_log WHERE action = 'case.task_dismissed' AND entity_id = '${sent.id}'`);
  assert.match(audit, new RegExp(taskId));
  assert.doesNotMatch(audit, /Invented/, 'the reason stays out of the audit log');

});

test('a gateway advisor not allocated the case is refused with 404', async () => {
  const sent = await sendReferral(policeReferral());
  const advisor = await as(LOGIN.advisor);
  const page = await advisor.get(`/cases/${sent.id}/risk`);
  // Advisors read their organisation's cases, but work only the ones allocated to them.
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /action="\/cases\/[^"]+\/risk"/, 'no form for someone who may not work the case');
  const refused = await post(advisor, `/cases/${sent.id}/risk`, { version: '1', ...dashAnswers(14) });
  assert.equal(refused.status, 404);
  assert.equal(count(`SELECT count(*) FROM case_risk_assessments WHERE case_id = '${sent.id}'`), 0);
  assert.equal(caseRow(sent.id, 'risk_rank') === '2', false);
});
