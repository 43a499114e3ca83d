// The whole journey of one victim, in real Chromium with JavaScript switched off (so every form
// is shown to work without it), as each person would do it: a police force sends a domestic
// abuse referral over the API; the team leader allocates it to the advisor from the queue; the
// advisor is refused an unsafe voicemail, records a failed and then a successful call and the
// victim's consent; the risk assessor completes DASH (high: a MARAC task); the advisor completes
// the needs assessment and refers the victim on; the partner accepts and completes the referral
// in their inbox; the advisor sees both answers on the timeline and closes the case with needs
// rated again; the force reads the referral's progress over the API. Every page seen is checked
// with axe-core as a no-JavaScript browser showed it, and the case's pages again with scripts.
// Every person is invented; 0151 496 0xxx are Ofcom drama numbers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, vg } from '../support/server.mjs';
import {
  assertAccessible, assertAccessibleWithoutScripts, launchBrowser, newContext, signInPage,
} from './browser.mjs';

const T = { timeout: 600_000 };
const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LOGIN = {
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  assessor: ['assessor@demo.victim-gateway.test', 'demo-assessor-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
};
const COUNSELLING = 'e463ce45-152a-4beb-adca-9aa9a03249e2';  // Counselling – RASA Merseyside (the demo partner's)
const CRIME_REFERENCE = 'E2E/JOURNEY/1/26';

let server;
let browser;
let forceKey;
const people = {};  // role → {context, page}
const seen = [];    // {label, url, html} of every page the people saw, for axe-core without scripts

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
}, { timeout: 300_000 });

after(async () => {
  for (const p of Object.values(people)) await p.context.close();
  await browser?.close();
  await server?.stop();
});

// One signed-in browser per person, with JavaScript off, for the whole journey.
async function as(role) {
  if (people[role]) return people[role].page;
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const page = await context.newPage();
  await signInPage(page, server.url, ...LOGIN[role]);
  assert.equal(new URL(page.url()).pathname, '/staff', `${role} is signed in`);
  people[role] = { context, page };
  return page;
}

async function remember(page, label) {
  seen.push({ label, url: page.url(), html: await page.content() });
}

async function open(page, path, label) {
  const response = await page.goto(`${server.url}${path}`);
  assert.equal(response.status(), 200, `${label}: ${path}`);
  await remember(page, label);
}

// Presses the button named `name` (in `scope`, the page by default) and waits for the answer.
async function press(page, name, label, scope = page) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    scope.getByRole('button', { name, exact: true }).click(),
  ]);
  await remember(page, label);
}

const text = (page, selector = 'main') => page.locator(selector).innerText();
const errorSummary = (page) => page.locator('.govuk-error-summary').innerText();
const contactForm = (page) => page.locator('form[action$="/contact-attempts"]');

async function progress(id) {
  const res = await fetch(`${server.url}/api/v1/referrals/${id}`, { headers: { authorization: `Bearer ${forceKey}` } });
  assert.equal(res.status, 200);
  return res.json();
}

test('a referral goes from the police to a named caseworker, a partner and close', T, async () => {
  // 1. The force refers the victim.
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: CRIME_REFERENCE, incident_date: '2026-11-20', date_reported: '2026-11-21',
      offence_category: 'violence_with_injury', flags: { domestic_abuse: true }, local_authority: 'E08000012',
      victim: { type: 'person', name: 'Jordan Journeyinvented', date_of_birth: '1990-06-07', phone: '0151 496 0002' },
      account: 'Invented: pushed down the stairs at home',
      safe_contact: {
        safe_channels: ['call'], safe_phone: '0151 496 0222', voicemail_allowed: false, may_say_who_we_are: false,
      },
    }),
  });
  const created = await res.json();
  assert.equal(res.status, 201, JSON.stringify(created));
  const id = created.id;
  assert.equal((await progress(id)).status, 'received');

  // 2. The team leader finds it in the queue and allocates it to the advisor.
  const leader = await as('leader');
  await open(leader, '/cases', 'the case queue');
  const row = leader.locator('tr', { hasText: created.reference });
  assert.equal(await row.count(), 1, 'the new referral is in the team queue');
  await Promise.all([leader.waitForNavigation(), row.getByRole('link').first().click()]);
  assert.equal(new URL(leader.url()).pathname, `/cases/${id}`);
  await remember(leader, 'the case, as the team leader sees it');
  // Each caseworker is offered with their caseload: "Sam Advisor (0 of 25 cases)".
  const choice = leader.locator('#user_id option', { hasText: /^Sam Advisor \(\d+ of \d+ cases\)$/ });
  await leader.locator('#user_id').selectOption(await choice.getAttribute('value'));
  await press(leader, 'Allocate', 'the case after allocation');
  assert.match(await text(leader), /Sam Advisor/);

  // 3. The advisor finds it in their cases and tries to reach the victim.
  const advisor = await as('advisor');
  await open(advisor, '/cases?mine=yes', 'my cases');
  assert.match(await text(advisor), new RegExp(created.reference));
  await open(advisor, `/cases/${id}`, 'the case, as the advisor sees it');

  const form = contactForm(advisor);
  await form.locator('#channel-call').check();
  await form.locator('#outcome-voicemail_left').check();
  await press(advisor, 'Record attempt', 'a refused voicemail');
  assert.ok((await advisor.title()).startsWith('Error: '));
  assert.match(await errorSummary(advisor), /voicemail/i, 'the refusal says why');
  assert.equal((await progress(id)).status, 'received', 'a refused attempt records nothing');

  await contactForm(advisor).locator('#channel-call').check();
  await contactForm(advisor).locator('#outcome-no_answer').check();
  await press(advisor, 'Record attempt', 'the case after a failed attempt');
  assert.equal((await progress(id)).status, 'received', 'no answer is not contact');

  await contactForm(advisor).locator('#channel-call').check();
  await contactForm(advisor).locator('#outcome-reached').check();
  await press(advisor, 'Record attempt', 'the case after reaching them');
  assert.equal((await progress(id)).status, 'contacted');

  const consent = advisor.locator('form[action$="/consent"]');
  await consent.locator('#change').check();
  await consent.locator('#given_by').selectOption('victim');
  await consent.locator('#method').selectOption('phone');
  await consent.locator('#scope').selectOption('all_support');
  await press(advisor, 'Record consent', 'the case with consent recorded');
  assert.doesNotMatch(await advisor.title(), /^Error/);

  // 4. The risk assessor completes DASH: 14 yes answers is high risk, so a MARAC task appears.
  const assessor = await as('assessor');
  await open(assessor, `/cases/${id}/risk`, 'the risk page');
  for (let i = 1; i <= 24; i += 1) await assessor.locator(i <= 14 ? `#dash_${i}` : `#dash_${i}-no`).check();
  await press(assessor, 'Save the assessment', 'the risk page after DASH');
  assert.match(await assessor.locator('#last-level').innerText(), /High/);
  await open(assessor, `/cases/${id}/tasks`, 'the case tasks');
  assert.match(await text(assessor), /Refer to the MARAC meeting on/);

  // 5. The advisor assesses needs and refers the victim on.
  await open(advisor, `/cases/${id}/needs`, 'the needs assessment');
  const needs = await advisor.locator('input[type=radio][name^="need_"]').evaluateAll(
    (inputs) => [...new Set(inputs.map((i) => i.name))]);
  assert.ok(needs.length >= 9, `every needs domain is asked: ${needs}`);
  for (const [n, name] of needs.entries()) {
    const options = advisor.locator(`input[type=radio][name="${name}"]`);
    // The first two needs weigh on them most; the rest a little.
    await options.nth(n < 2 ? (await options.count()) - 1 : 1).check();
  }
  await press(advisor, 'Complete the assessment', 'the needs assessment completed');
  assert.doesNotMatch(await advisor.title(), /^Error/);

  await open(advisor, `/cases/${id}/onward-referrals`, 'the onward referrals');
  await advisor.locator('#service_id').selectOption(COUNSELLING);
  await press(advisor, 'Send referral', 'the onward referral sent');
  assert.doesNotMatch(await advisor.title(), /^Error/);
  assert.match(await text(advisor), /Counselling/);

  // 6. The partner finds it in their inbox, accepts and later completes it.
  const partner = await as('partner');
  await open(partner, '/inbox', 'the partner inbox');
  const item = partner.locator('tr', { hasText: created.reference });
  assert.equal(await item.count(), 1, 'the referral is in the partner inbox');
  await Promise.all([partner.waitForNavigation(), item.getByRole('link').first().click()]);
  await remember(partner, 'the referral, as the partner sees it');
  const shared = await text(partner);
  assert.match(shared, /0151 496 0222/, 'the partner sees the safe number to call');
  assert.doesNotMatch(shared, /pushed down the stairs/, 'but not the account, which was not shared');
  await press(partner, 'Accept the referral', 'the referral accepted');
  await partner.locator('form[action$="/completion"] input[type=radio]').first().check();
  await press(partner, 'Complete the referral', 'the referral completed');
  assert.doesNotMatch(await partner.title(), /^Error/);

  // 7. The advisor sees the answers and closes the case with needs rated again.
  await open(advisor, `/cases/${id}`, 'the case timeline');
  const timeline = await text(advisor, '#timeline + *');
  assert.match(timeline, /accepted/i);
  assert.match(timeline, /completed/i);
  assert.equal((await progress(id)).status, 'supported');

  await open(advisor, `/cases/${id}/close`, 'the close form');
  await advisor.locator('input[type=radio][name="reason"]').first().check();
  const atClose = await advisor.locator('input[type=radio][name^="need_"]').evaluateAll(
    (inputs) => [...new Set(inputs.map((i) => i.name))]);
  for (const name of atClose) await advisor.locator(`input[type=radio][name="${name}"]`).first().check();
  await press(advisor, 'Continue', 'the close check-answers');
  await press(advisor, 'Close the case', 'the closed case');
  assert.doesNotMatch(await advisor.title(), /^Error/);

  // 8. The force can tell the victim where their referral got to.
  const status = await progress(id);
  assert.equal(status.status, 'closed');
  assert.deepEqual(Object.keys(status).sort(),
    ['closed_at', 'contacted_at', 'id', 'received_at', 'reference', 'status', 'supported_at'], 'nothing else is told');
  const at = ['received_at', 'contacted_at', 'supported_at', 'closed_at'].map((k) => Date.parse(status[k]));
  assert.ok(at.every((t, i) => Number.isFinite(t) && (i === 0 || t >= at[i - 1])), `dates in order: ${JSON.stringify(status)}`);

  // axe-core on every page as seen without JavaScript, then the case's pages with scripts on.
  await assertAccessibleWithoutScripts(browser, server.url, seen);
  const withScripts = {
    leader: ['/cases', `/cases/${id}`],
    advisor: [`/cases/${id}`, `/cases/${id}/needs`, `/cases/${id}/plan`, `/cases/${id}/notes`,
      `/cases/${id}/rights`, `/cases/${id}/onward-referrals`, `/cases/${id}/tasks`, '/tasks'],
    partner: ['/inbox'],
  };
  for (const [role, paths] of Object.entries(withScripts)) {
    const context = await newContext(browser, server.url, { storageState: await people[role].context.storageState() });
    const page = await context.newPage();
    try {
      for (const path of paths) {
        const response = await page.goto(`${server.url}${path}`);
        assert.equal(response.status(), 200, path);
        await assertAccessible(page, `${role}: ${path}`);
      }
    } finally {
      await context.close();
    }
  }
});
