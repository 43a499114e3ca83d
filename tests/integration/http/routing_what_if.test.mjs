// The routing what-if against a real server and database: the demo administrator sees the
// versions of Merseyside's rules, replays this month's referrals against the rules in force (no
// change) and against a draft that sends everyone to the fallback service (every referral at
// that service), sees field errors for a bad draft or period with nothing stored, publishes the
// draft as a new version (audited, used by the next referral) and cannot publish other rules
// under a version already held. Caseworkers, commissioners and another area's administrator are
// refused. No page shows a victim's details. Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { linesWithPersonalData } from '../../support/personal_data_markers.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const OTHER_HUB = '7a1c0e52-3d4b-4c1e-9f00-0000000000d7';  // an invented Greater Manchester gateway
const FALLBACK = 'e9b69224-7e3f-49ac-bf4f-f648f58e8927';
const LOGIN = {
  admin: ['admin@demo.victim-gateway.test', 'demo-admin-password'],
  otherAdmin: ['other.admin@invented.test', 'invented-other-admin-password'],
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  commissioner: ['commissioner@demo.victim-gateway.test', 'demo-commissioner-password'],
};

let server;
let forceKey;
let month;
const SENT = 6;

const londonMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
  .format(new Date()).slice(0, 7);

const unescapeHtml = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&amp;/g, '&');
const textareaOf = (html) => unescapeHtml(html.match(/<textarea[^>]*name="rules"[^>]*>([\s\S]*?)<\/textarea>/)[1]);
// The cells of the table row headed `name`, as text.
const rowCells = (html, name) => {
  const row = html.split('<tr class="govuk-table__row">').find((r) => r.includes(`<th scope="row" class="govuk-table__header">${name}</th>`));
  return row ? [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]) : undefined;
};

async function sendReferral(n, extra = {}) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `WHATIF/${process.pid}/${n}`,
      incident_date: '2026-11-20', date_reported: '2026-11-21',
      offence_category: n % 2 ? 'burglary_residential' : 'violence_with_injury',
      local_authority: 'E08000012',
      flags: n % 3 === 0 ? { hate_crime: true, hate_strands: ['race'] } : {},
      victim: { type: 'person', name: `Robin Inventedname${n}`, date_of_birth: `1970-03-${String(n + 1).padStart(2, '0')}`, phone: `0151 496 0${400 + n}` },
      ...extra,
    }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

before(async () => {
  server = await startServer({
    before: [['users', 'create-organisation', '--id', OTHER_HUB, '--name', 'Invented GM hub',
      '--kind', 'gateway', '--areas', 'greater-manchester']],
  });
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.otherAdmin[0], '--name', 'Other Admin',
    '--role', 'administrator', '--organisation', OTHER_HUB, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.otherAdmin[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other hub has an administrator: ${created.stderr}`);
  month = londonMonth();
  for (let n = 1; n <= SENT; n += 1) await sendReferral(n);
}, { timeout: 300_000 });

after(async () => { await server?.stop(); });

async function admin() { return signedInBrowser(server.url, ...LOGIN.admin); }

async function whatIf(browser, rules, { from = month, to = month, area = 'merseyside' } = {}) {
  const form = await browser.get(`/admin/routing?area=${area}`);
  assert.equal(form.status, 200);
  return browser.post('/admin/routing/what-if', { csrf_token: hiddenField(form.text, 'csrf_token'), area, rules, from, to });
}

// The rules in force with a first rule that sends every referral to the fallback service.
const everyoneToFallback = (inForce, version) => {
  const rules = JSON.parse(inForce);
  rules.version = version;
  rules.rules.unshift({ id: 'everyone', explain: 'Every referral', when: {}, services: [{ service: FALLBACK }] });
  return JSON.stringify(rules, null, 2);
};

test('the versions in force, and a draft that starts as the rules in force', async () => {
  const browser = await admin();
  const page = await browser.get('/admin/routing?area=merseyside');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1 class="govuk-heading-l">Routing rules<\/h1>/);
  const inForce = JSON.parse(textareaOf(page.text));
  assert.equal(inForce.area, 'merseyside');
  assert.match(page.text, new RegExp(`<td class="govuk-table__cell">${inForce.version}</td>`));
  assert.match(page.text, /In force/);
});

test('replaying the rules in force changes nothing; a draft sending everyone to the fallback moves every referral there', async () => {
  const browser = await admin();
  const inForce = textareaOf((await browser.get('/admin/routing?area=merseyside')).text);
  const same = await whatIf(browser, inForce);
  assert.equal(same.status, 200, same.text.slice(0, 2000));
  const replayed = Number(same.text.match(/(\d+) referrals received in [^<]* routed again/)[1]);
  assert.ok(replayed >= SENT, `this month's referrals are replayed (${replayed})`);
  assert.match(same.text, /\. 0 referrals would be decided differently\./);
  assert.match(same.text, /No referral of the period would be decided differently/);

  const draft = await whatIf(browser, everyoneToFallback(inForce, 'whatif-1'));
  assert.equal(draft.status, 200, draft.text.slice(0, 2000));
  const changed = Number(draft.text.match(/(\d+) referrals would be decided differently/)[1]);
  assert.ok(changed > 0, 'some referrals went elsewhere before');
  // The fallback's row: referrals in force, draft, change, waiting..., every one of them in the draft.
  const fallback = draft.text.split('<tr class="govuk-table__row">').find((r) => r.includes('<th scope="row" class="govuk-table__header">Victim Care Merseyside – Victim Support</th>'));
  assert.ok(fallback, 'the fallback service has a row');
  const cells = [...fallback.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.equal(Number(cells[1]), replayed, 'the draft sends every replayed referral to the fallback');
  assert.equal(Number(cells[2]), replayed - Number(cells[0]));
  // Outcomes: routed and queued add up to every referral on both sides.
  const routed = rowCells(draft.text, 'Routed to a service with room');
  const queued = rowCells(draft.text, 'Queued: waiting for a place');
  assert.equal(Number(routed[1]) + Number(queued[1]), replayed);
  // A changed decision with both explanations, and the draft ready to publish.
  assert.match(draft.text, /Referral 1, received in /);
  assert.match(draft.text, /<strong>In force:<\/strong>/);
  assert.match(draft.text, /<strong>Draft:<\/strong>/);
  assert.match(draft.text, /Publish as version whatif-1/);
  assert.ok(hiddenField(draft.text, 'rules'), 'the draft travels in the form');
  assert.deepEqual(linesWithPersonalData(draft.text), [], 'no victim details on the what-if page');
  assert.doesNotMatch(draft.text, /Inventedname|0151 496/);
});

test('a bad draft or period: every error in the summary, nothing stored', async () => {
  const browser = await admin();
  const before = querySqlite(server, "SELECT COUNT(*) FROM rule_sets WHERE area = 'merseyside'");
  assert.match(before, /^[1-9]\d*$/, 'the area has its versions');
  const notJson = await whatIf(browser, '{"area": "merseyside", ');
  assert.equal(notJson.status, 400);
  assert.match(notJson.text, /There is a problem/);
  assert.match(notJson.text, /href="#rules"/);

  const inForce = JSON.parse(textareaOf((await browser.get('/admin/routing?area=merseyside')).text));
  inForce.rules[0].when.flags = ['not_a_flag'];
  const badFlag = await whatIf(browser, JSON.stringify(inForce), { from: '2026-13' });
  assert.equal(badFlag.status, 400);
  assert.match(badFlag.text, /\$\.rules\[0\]\.when\.flags\[0\]/);
  assert.match(badFlag.text, /href="#from"/, 'the period error too, at once');
  assert.match(badFlag.text, /not_a_flag/, 'the draft is kept in the box as typed');

  const otherArea = JSON.parse(textareaOf((await browser.get('/admin/routing?area=merseyside')).text));
  otherArea.area = 'staffordshire';
  const wrongArea = await whatIf(browser, JSON.stringify(otherArea));
  assert.equal(wrongArea.status, 400);
  assert.match(wrongArea.text, /\$\.area/);
  assert.equal(querySqlite(server, "SELECT COUNT(*) FROM rule_sets WHERE area = 'merseyside'"), before);
});

test('publishing the draft: a new version in force, audited, used by the next referral; other rules under it refused', async () => {
  const browser = await admin();
  const page = await browser.get('/admin/routing?area=merseyside');
  const draft = everyoneToFallback(textareaOf(page.text), 'whatif-2');
  const noToken = await browser.post('/admin/routing/publish', { area: 'merseyside', rules: draft });
  assert.equal(noToken.status, 403);
  const published = await browser.post('/admin/routing/publish', { csrf_token: hiddenField(page.text, 'csrf_token'), area: 'merseyside', rules: draft });
  assert.equal(published.status, 303, published.text.slice(0, 2000));
  assert.equal(published.location, '/admin/routing?area=merseyside&published=1');
  const after = await browser.get(published.location);
  assert.match(after.text, /Version whatif-2 is now in force/);
  assert.equal(JSON.parse(textareaOf(after.text)).version, 'whatif-2');
  const audit = querySqlite(server, "SELECT COUNT(*) FROM audit_log WHERE action = 'routing.rules.load' AND entity_id = 'merseyside@whatif-2'");
  assert.equal(audit, '1', 'the publication is audited');
  // The next referral is routed by it (a hate crime, which went to a specialist before).
  await new Promise((r) => setTimeout(r, 5_500));  // each server re-reads the rules in force within 5 s
  const next = await sendReferral(9, { flags: { hate_crime: true, hate_strands: ['race'] } });
  assert.equal(next.assessment.decision.service.id, FALLBACK);
  assert.equal(next.assessment.decision.matched_rule, 'everyone');

  const changed = JSON.parse(draft);
  changed.rules.shift();
  const conflict = await browser.post('/admin/routing/publish', {
    csrf_token: hiddenField(after.text, 'csrf_token'), area: 'merseyside', rules: JSON.stringify(changed),
  });
  assert.equal(conflict.status, 409);
  assert.match(conflict.text, /already held with other rules/);
});

test('only administrators of the area: caseworkers, commissioners and another area are refused', async () => {
  for (const who of ['advisor', 'leader', 'commissioner']) {
    const browser = await signedInBrowser(server.url, ...LOGIN[who]);
    assert.equal((await browser.get('/admin/routing?area=merseyside')).status, 403, who);
  }
  const other = await signedInBrowser(server.url, ...LOGIN.otherAdmin);
  assert.equal((await other.get('/admin/routing?area=merseyside')).status, 404, 'another area reads as not there');
  const own = await other.get('/admin/routing');
  assert.equal(own.status, 200);
  assert.equal(JSON.parse(textareaOf(own.text)).area, 'greater-manchester');
  const post = await other.post('/admin/routing/what-if', {
    csrf_token: hiddenField(own.text, 'csrf_token'), area: 'merseyside', rules: '{}', from: month, to: month,
  });
  assert.equal(post.status, 404);
  const publish = await other.post('/admin/routing/publish', {
    csrf_token: hiddenField(own.text, 'csrf_token'), area: 'merseyside', rules: '{}',
  });
  assert.equal(publish.status, 404);
});
