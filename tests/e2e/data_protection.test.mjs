// Legal holds, subject access and erasure in real Chromium, checked with axe-core: the hub's team
// leader places a hold on a case (refused first without a reason: the GOV.UK error summary), finds
// the person's records by name and date of birth (refused first without a date), and opens the
// erasure page, which says why it may not erase an open, held case. No serious or critical
// findings on any of them. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signedInBrowser } from '../support/browser.mjs';
import { startServer, vg } from '../support/server.mjs';
import { assertAccessible, launchBrowser, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 180_000 };
const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];

let server;
let browser;
let sent;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${out[out.length - 1].trim()}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: 'E2E/SAR/1/26',
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: 'Morgan Inventedaxe', date_of_birth: '1982-03-04', phone: '0151 496 0321' },
    }),
  });
  assert.equal(res.status, 201);
  sent = await res.json();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (fn) => withPageIn(browser, server.url, {}, fn, { ignoreConsole: /status of 4(22|09)/ });

async function press(page, name) {
  const button = page.getByRole('button', { name, exact: false }).first();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

test('holds, the subject access search and its results, and the erasure page are accessible', T, async () => {
  await withPage(async (page, context) => {
    // The team leader's session, signed in (with the second factor) over HTTP.
    const leader = await signedInBrowser(server.url, ...LEADER);
    await context.addCookies(Object.entries(leader.cookies).map(([name, value]) => ({ name, value, url: server.url })));
    await page.goto(`${server.url}/cases/${sent.id}`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Legal holds' }).click()]);
    assert.equal(await page.locator('h1').textContent(), 'Legal holds');
    await assertAccessible(page, 'the legal holds page');
    await press(page, 'Place the hold');
    assert.ok((await page.title()).startsWith('Error: '));
    await assertAccessible(page, 'the legal holds page with an error');
    await page.locator('.govuk-error-summary a').first().click();
    await page.getByLabel('A complaint').check();
    await press(page, 'Place the hold');
    assert.match(await page.locator('#holds').textContent(), /In force/);
    await assertAccessible(page, 'a hold in force');

    await page.goto(`${server.url}/subject-access`);
    await assertAccessible(page, 'the subject access search');
    await page.getByLabel('Full name').fill('Morgan Inventedaxe');
    await press(page, 'Find their records');
    assert.ok((await page.title()).startsWith('Error: '));
    await assertAccessible(page, 'the subject access search with an error');
    await page.getByLabel('Day').fill('4');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('1982');
    await press(page, 'Find their records');
    assert.match(await page.locator('#cases').textContent(), new RegExp(sent.reference));
    await assertAccessible(page, 'the records found');

    await page.goto(`${server.url}/cases/${sent.id}/erasure`);
    assert.match(await page.locator('#erase').textContent(), /legal hold is in force/);
    await assertAccessible(page, 'the erasure page');
  });
});
