// The routing what-if in real Chromium, checked with axe-core: the demo administrator opens
// Routing rules from the admin navigation, replays this month with the draft (the rules in force)
// and sees the side-by-side tables; a draft that is not JSON gets the error summary. No serious
// or critical findings on any. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sendInventedBurglaries } from '../support/referral_load.mjs';
import { startServer } from '../support/server.mjs';
import { assertAccessible, assertNoHorizontalOverflow, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const ADMIN = ['admin@demo.victim-gateway.test', 'demo-admin-password'];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await sendInventedBurglaries(server, { count: 3, prefix: 'E2E/WHATIF' });
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
