// The routing what-if in real Chromium, checked with axe-core: the demo administrator opens
// Routing rules from the admin navigation, replays this month with the draft (the rules in force)
// and sees the side-by-side tables; a draft that is not JSON gets the error summary. No serious
// or critical findings on any. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, vg } from '../support/server.mjs';
import { assertAccessible, assertNoHorizontalOverflow, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';
const ADMIN = ['admin@demo.victim-gateway.test', 'demo-admin-password'];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  const key = out[out.length - 1].trim();
  for (let n = 1; n <= 3; n += 1) {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        channel: 'police', area: 'merseyside', reported_to_police: true,
        police_force_code: 'E23000004', crime_reference: `E2E/WHATIF/${n}/26`,
        incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
        local_authority: 'E08000012',
        victim: { type: 'person', name: `Sam Inventedname${n}`, date_of_birth: `1980-01-0${n}`, phone: `0151 496 07${n}0` },
      }),
    });
    assert.equal(res.status, 201);
  }
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (fn) => withPageIn(browser, server.url, {}, fn, { ignoreConsole: /status of 400/ });

const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
  .format(new Date()).slice(0, 7);

test('the rules, a replay of this month and its tables: no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...ADMIN);
    await page.goto(`${server.url}/admin`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Routing rules' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/admin/routing');
    assert.match(await page.title(), /^Routing rules – Admin – /);
    // The demo administrator serves several areas: the referrals sent are Merseyside's.
    await page.goto(`${server.url}/admin/routing?area=merseyside`);
    assert.match(await page.getByLabel('Draft routing rules (JSON)').inputValue(), /"area": "merseyside"/);
    await assertAccessible(page, 'the routing rules page');
    await page.getByLabel('First month').fill(thisMonth());
    await page.getByLabel('Last month').fill(thisMonth());
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Replay the period with the draft' }).click()]);
    assert.match(await page.title(), /^What if – Admin – /);
    await page.getByRole('table', { name: /Referrals, waiting and capacity by service/ }).waitFor();
    await page.getByRole('table', { name: /Outcomes/ }).waitFor();
    assert.match(await page.locator('main').textContent(), /0 referrals would be decided differently/);
    assert.ok(await page.getByRole('button', { name: /Publish as version/ }).isVisible());
    await assertAccessible(page, 'the what-if page');
    await assertNoHorizontalOverflow(page, 'the what-if page');
  });
});

test('a draft that is not JSON: the error summary, accessible too', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...ADMIN);
    await page.goto(`${server.url}/admin/routing?area=merseyside`);
    await page.getByLabel('Draft routing rules (JSON)').fill('{"area": ');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Replay the period with the draft' }).click()]);
    assert.match(await page.title(), /^Error: Routing rules/);
    assert.match(await page.locator('.govuk-error-summary').textContent(), /The draft rules/);
    await assertAccessible(page, 'the routing rules page with an error');
  });
});
