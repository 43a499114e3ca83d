// Break glass over plain HTTP against a real server and database: the demo hub gets a second
// team with its own advisor; a case its first team holds shows that advisor "This case is held
// by another team" (the reference only, nothing of the victim) on every section; posting no
// reason is refused (422, nothing recorded); a reason opens the case and the audit log has
// case.break_glass with the reason's code and the read "via":"break_glass"; the holding team's
// advisor reads as of right; a partner still finds no such case. Breaking glass rotates the
// session (a new id and CSRF token; the old ones open nothing). Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ORG = {
  hub: '7a1c0e52-3d4b-4c1e-9f00-000000000002',    // the Merseyside hub (demo)
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',  // Merseyside Police (demo)
};
// Sorts after the demo team, so new Merseyside cases stay with the demo team.
const SECOND_TEAM = '7a1c0e52-3d4b-4c1e-9f00-0000000000f1';
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
  second: ['second.advisor@example.com', 'second-advisor-password-1'],
};
const VICTIM = 'Robin Inventedname';

let server;
let forceKey;
let crime = 0;
const sessions = {};

function policeReferral() {
  crime += 1;
  return {
    channel: 'police', area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: `GLASS/${crime}/26`,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
    local_authority: 'E08000012',
    victim: { type: 'person', name: VICTIM, date_of_birth: '1970-04-05', phone: '0151 496 0456' },
    safe_contact: { safe_channels: ['call'], safe_phone: '0151 496 0457', voicemail_allowed: false, may_say_who_we_are: false },
  };
}

async function sendReferral() {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify(policeReferral()),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

// One session per person for the whole file (a TOTP code works once).
async function as([email, password]) {
  if (sessions[email]) return sessions[email];
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  sessions[email] = browser;
  return browser;
}

const userId = (email) => querySqlite(server, `SELECT id FROM users WHERE email = '${email}'`).trim();
const audit = (action, caseId) =>
  querySqlite(server, `SELECT actor || ' ' || detail FROM audit_log WHERE action = '${action}' AND entity_id = '${caseId}' ORDER BY seq`).trim();
const grants = (caseId) => Number(querySqlite(server, `SELECT count(*) FROM case_break_glass WHERE case_id = '${caseId}'`));

// Case reads reach the audit log in batches within a second; wait up to three.
async function auditedRead(caseId, pattern) {
  const until = Date.now() + 3_000;
  while (!pattern.test(audit('case.read', caseId)) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return audit('case.read', caseId);
}

before(async () => {
  server = await startServer();
  const out = vg(['api-keys', 'create', '--org', ORG.force], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.second[0], '--name', 'Second Advisor',
    '--role', 'gateway_advisor', '--organisation', ORG.hub, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.second[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the hub has a second advisor: ${created.stderr}`);
  vg(['users', 'create-team', '--id', SECOND_TEAM, '--name', 'Invented second team', '--organisation', ORG.hub,
    '--area', 'merseyside'], server.env);
  vg(['users', 'join-team', '--email', LOGIN.second[0], '--team', SECOND_TEAM], server.env);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('another team\'s case', () => {
  test('every section asks why first, and shows nothing of the victim', async () => {
    const sent = await sendReferral();
    const second = await as(LOGIN.second);
    for (const section of ['', '/risk', '/notes', '/onward-referrals']) {
      const page = await second.get(`/cases/${sent.id}${section}`);
      assert.equal(page.status, 200, section);
      assert.match(page.text, /This case is held by another team/, section);
      assert.match(page.text, new RegExp(sent.reference), 'the reference, so they know which case');
      assert.match(page.text, /recorded and reviewed/);
      for (const reason of ['safeguarding_concern', 'victim_contacted_us', 'covering_for_colleague', 'duty_cover', 'other']) {
        assert.match(page.text, new RegExp(`type="radio" value="${reason}"`), reason);
      }
      assert.equal(hiddenField(page.text, 'return_to'), `/cases/${sent.id}${section}`);
      assert.doesNotMatch(page.text, /Inventedname|0151 496|Burglary/i, `${section}: nothing of the case`);
    }
    assert.equal(audit('case.read', sent.id), '', 'asking is not a read');
  });

  test('no reason is refused with the error summary and nothing recorded', async () => {
    const sent = await sendReferral();
    const second = await as(LOGIN.second);
    const refused = await second.post(`/cases/${sent.id}/break-glass`, { csrf_token: second.csrf, return_to: `/cases/${sent.id}` });
    assert.equal(refused.status, 422);
    assert.deepEqual(errorSummaryLinks(refused.text).map((l) => l.anchor), ['reason']);
    assert.doesNotMatch(refused.text, /Inventedname/);
    assert.equal(grants(sent.id), 0);
    assert.equal(audit('case.break_glass', sent.id), '');
    const unknown = await second.post(`/cases/${sent.id}/break-glass`, { csrf_token: second.csrf, reason: 'curious' });
    assert.equal(unknown.status, 422);
    assert.equal(grants(sent.id), 0);
  });

  test('a reason opens the case, audited with its code and every read via break glass', async () => {
    const sent = await sendReferral();
    const second = await as(LOGIN.second);
    const cookiesBefore = { ...second.cookies };
    const recorded = await second.post(`/cases/${sent.id}/break-glass`,
      { csrf_token: second.csrf, reason: 'victim_contacted_us', note: 'Invented words', return_to: `/cases/${sent.id}/risk` });
    assert.equal(recorded.status, 303);
    assert.equal(recorded.location, `/cases/${sent.id}/risk`);
    const me = userId(LOGIN.second[0]);
    // A privilege gained mid-session: a new session id and CSRF token; the old id opens nothing.
    const sessionCookie = (cookies) => cookies.vg_session ?? cookies['__Host-vg_session'];
    assert.ok(sessionCookie(second.cookies));
    assert.notEqual(sessionCookie(second.cookies), sessionCookie(cookiesBefore), 'the session id changed');
    const stale = new second.constructor(server.url);
    stale.cookies = cookiesBefore;
    const staleHome = await stale.get('/staff');
    assert.notEqual(staleHome.status, 200, 'the id from before the break glass is signed out');
    assert.doesNotMatch(staleHome.text, /Second Advisor/);
    const home = await second.get('/staff');
    assert.equal(home.status, 200, 'the new id is signed in');
    const csrf = hiddenField(home.text, 'csrf_token');
    assert.notEqual(csrf, second.csrf, 'the CSRF token changed with it');
    const stalePost = await second.post(`/cases/${sent.id}/break-glass`, { csrf_token: second.csrf, reason: 'duty_cover' });
    assert.equal(stalePost.status, 403, 'a form from before the change is refused');
    second.csrf = csrf;
    assert.match(querySqlite(server, `SELECT actor || ' ' || detail FROM audit_log WHERE action = 'user.session_rotated' AND entity_id = '${me}'`),
      new RegExp(`^user:${me} \\{"reason":"break_glass"\\}`));
    const glass = audit('case.break_glass', sent.id);
    assert.match(glass, new RegExp(`^${me} .*"reason":"victim_contacted_us"`));
    assert.doesNotMatch(glass, /Invented words/, 'their words never reach the audit log');
    const page = await second.get(`/cases/${sent.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(VICTIM));
    assert.doesNotMatch(page.text, /This case is held by another team/);
    assert.match(await auditedRead(sent.id, /break_glass/), new RegExp(`${me} \\{"via":"break_glass"\\}`));
    const risk = await second.get(`/cases/${sent.id}/risk`);
    assert.equal(risk.status, 200);
    // A return address off the case is not followed.
    const elsewhere = await second.post(`/cases/${sent.id}/break-glass`,
      { csrf_token: second.csrf, reason: 'duty_cover', return_to: 'https://example.com/' });
    assert.equal(elsewhere.location, `/cases/${sent.id}`);
  });

  test('the holding team reads as of right; a partner still finds no such case', async () => {
    const sent = await sendReferral();
    const advisor = await as(LOGIN.advisor);
    const page = await advisor.get(`/cases/${sent.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(VICTIM));
    assert.match(await auditedRead(sent.id, /own_team/), new RegExp(`${userId(LOGIN.advisor[0])} \\{"via":"own_team"\\}`));
    // Nothing to ask of them: their own team's case has no break-glass form.
    const post = await advisor.post(`/cases/${sent.id}/break-glass`, { csrf_token: advisor.csrf, reason: 'duty_cover' });
    assert.equal(post.status, 404);
    const partner = await as(LOGIN.partner);
    assert.equal((await partner.get(`/cases/${sent.id}`)).status, 404);
    const partnerPost = await partner.post(`/cases/${sent.id}/break-glass`, { csrf_token: partner.csrf, reason: 'duty_cover' });
    assert.equal(partnerPost.status, 404);
    assert.equal(grants(sent.id), 0);
  });
});
