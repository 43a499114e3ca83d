// The DASH form in real Chromium: the demo risk assessor opens a case's risk page, sees the
// "yes" answers add up as they answer, saves a high-risk DASH and sees the MARAC task on the
// case's tasks; axe-core on the form, the form with errors, and the tasks page (no serious or
// critical findings). Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, vg } from '../support/server.mjs';
import { assertAccessible, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const ASSESSOR = ['assessor@demo.victim-gateway.test', 'demo-assessor-password'];
const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)

let server;
let browser;
let forceKey;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The half-answered form is answered 422 on purpose: the console's note of it is expected.
const withPage = (fn) => withPageIn(browser, server.url, {}, fn, { ignoreConsole: /status of 422/ });

// 0151 496 0xxx are Ofcom drama numbers.
async function sendReferral() {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true, police_force_code: 'E23000004',
      crime_reference: 'E2E/RISK/1/26', incident_date: '2026-11-20', date_reported: '2026-11-21',
      offence_category: 'violence_with_injury', flags: { domestic_abuse: true }, local_authority: 'E08000012',
      victim: { type: 'person', name: 'Avery Inventedname', date_of_birth: '1988-04-05', phone: '0151 496 0001' },
    }),
  });
  assert.equal(res.status, 201);
  return res.json();
}

test('the DASH form adds up, saves, and passes axe-core with and without errors', T, async () => {
  const sent = await sendReferral();
  await withPage(async (page) => {
    await signInPage(page, server.url, ...ASSESSOR);
    await page.goto(`${server.url}/cases/${sent.id}/risk`);
    assert.equal(await page.locator('h1').textContent(), 'Risk');
    await assertAccessible(page, 'the risk page');

    // The count follows the answers as they are given.
    for (let i = 1; i <= 14; i += 1) await page.locator(`#dash_${i}`).check();
    assert.equal((await page.locator('[data-dash-yes]').textContent()).trim(), '14');
    await page.locator('#dash_14-no').check();
    assert.equal((await page.locator('[data-dash-yes]').textContent()).trim(), '13');

    // Saved half-answered: every gap named, the page still accessible.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the assessment' }).click()]);
    assert.ok((await page.title()).startsWith('Error: '));
    assert.equal(await page.locator('.govuk-error-summary a').count(), 10, 'questions 15 to 24 are unanswered');
    await assertAccessible(page, 'the risk page with errors');

    await page.locator('#dash_14').check();
    for (let i = 15; i <= 24; i += 1) await page.locator(`#dash_${i}-no`).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save the assessment' }).click()]);
    assert.match(await page.locator('#last-level').textContent(), /High/);

    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.waitForURL(/\/tasks$/);
    assert.match(await page.locator('main').textContent(), /Refer to the MARAC meeting on/);
    await assertAccessible(page, 'the tasks page');

    await page.goto(`${server.url}/tasks`);
    assert.equal(await page.locator('h1').textContent(), 'My tasks');
    await assertAccessible(page, 'my tasks');
  });
});
