// Insight in real Chromium, checked with axe-core: the demo commissioner opens /insight,
// sees each figure as a table with its bar chart beside it (the chart named, the table its text
// alternative), a suppressed count in words, and the error summary for a period that ends before
// it starts; then the estimated cost and the grant return. No serious or critical findings on
// any. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sendInventedBurglaries } from '../support/referral_load.mjs';
import { startServer } from '../support/server.mjs';
import { assertAccessible, assertNoHorizontalOverflow, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const COMMISSIONER = ['commissioner@demo.victim-gateway.test', 'demo-commissioner-password'];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await sendInventedBurglaries(server, { count: 7, prefix: 'E2E/INSIGHT', localAuthority: (n) => (n <= 5 ? 'E08000012' : 'E08000013') });
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (fn) => withPageIn(browser, server.url, {}, fn, { ignoreConsole: /status of 400/ });

// Signed in as the commissioner: from Demand for this month, the Insight page `link` leads to,
// asked for this month through its form.
async function openForThisMonth(page, link) {
  await signInPage(page, server.url, ...COMMISSIONER);
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
    .format(new Date()).slice(0, 7);
  await page.goto(`${server.url}/insight?area=merseyside&from=${month}&to=${month}`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: link }).click()]);
  await page.getByLabel('First month').fill(month);
  await page.getByLabel('Last month').fill(month);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Show figures' }).click()]);
}

test('the demand page: tables with their charts, suppressed counts in words, no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...COMMISSIONER);
    await page.goto(`${server.url}/staff`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: /Demand/ }).click()]);
    assert.equal(new URL(page.url()).pathname, '/insight');
    // This month, the referrals just sent.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
      .format(new Date()).slice(0, 7);
    await page.getByLabel('First month').fill(month);
    await page.getByLabel('Last month').fill(month);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Show figures' }).click()]);
    assert.match(await page.title(), /^Demand – Insight – /);
    const places = page.getByRole('table', { name: /Referrals by local authority/ });
    await places.waitFor();
    assert.equal(await places.getByRole('row', { name: /St. Helens/ }).getByRole('cell').first().textContent(), 'fewer than 5');
    // Each chart is an image named for its figure, beside the table that says the same in text.
    const chart = page.getByRole('img', { name: /Referrals by local authority: bar chart/ });
    assert.equal(await chart.count(), 1);
    assert.ok(await page.getByRole('link', { name: 'Download these figures as CSV' }).isVisible());
    await assertAccessible(page, 'the demand page');
    await assertNoHorizontalOverflow(page, 'the demand page');
  });
});

test('a period that ends before it starts: the error summary, accessible too', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...COMMISSIONER);
    await page.goto(`${server.url}/insight?from=2026-05&to=2026-02`);
    assert.match(await page.title(), /^Error: Demand/);
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.textContent(), /The last month must be the same as or after the first month/);
    await assertAccessible(page, 'the demand page with an error');
  });
});

test('the cost and grant return pages: estimates marked, exact figures warned, no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...COMMISSIONER);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
      .format(new Date()).slice(0, 7);
    await page.goto(`${server.url}/insight?area=merseyside&from=${month}&to=${month}`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Estimated cost' }).click()]);
    assert.match(await page.title(), /^Estimated cost – Insight – /);
    await page.getByLabel('First month').fill(month);
    await page.getByLabel('Last month').fill(month);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Show figures' }).click()]);
    const table = page.getByRole('table', { name: /Cases, outcomes and estimated cost/ });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Victim Care Merseyside – Victim Support/ });
    // 7 cases at 120.00 + 3 hours at 26.50 = 199.50 each.
    assert.match(await row.textContent(), /7[\s\S]*£199\.50[\s\S]*£1,396\.50/);
    assert.match(await page.locator('.govuk-warning-text').textContent(), /estimate/);
    await assertAccessible(page, 'the cost page');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Grant return' }).click()]);
    assert.match(await page.title(), /^Grant return – Insight – /);
    assert.match(await page.locator('.govuk-warning-text').textContent(), /exact/);
    await assertAccessible(page, 'the grant return page');
  });
});

test("the Victims' Code compliance page: a table and its chart for each entitlement, no serious accessibility problems", T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...COMMISSIONER);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
      .format(new Date()).slice(0, 7);
    await page.goto(`${server.url}/insight?area=merseyside&from=${month}&to=${month}`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: "Victims' Code compliance" }).click()]);
    assert.match(await page.title(), /^Victims' Code compliance – Insight – /);
    await page.getByLabel('First month').fill(month);
    await page.getByLabel('Last month').fill(month);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Show figures' }).click()]);
    // All 7 were reported on 21 November: referred later than 2 working days after, so breached.
    const table = page.getByRole('table', { name: /Referred to support within 2 working days of the report: / });
    await table.waitFor();
    const all = table.getByRole('row', { name: /All services/ });
    assert.match(await all.textContent(), /fewer than 5/);
    assert.equal(await page.getByRole('img', { name: /Referred to support within 2 working days of the report, all services: bar chart/ }).count(), 1);
    const byStream = page.getByRole('table', { name: /Referred to support within 2 working days of the report, all services by funding stream: / });
    assert.match(await byStream.getByRole('row', { name: /Victims' grant/ }).textContent(), /fewer than 5/);
    // Nothing evidences restorative justice yet: said in words, not as 0%.
    assert.match(await page.locator('[data-not-recorded="restorative_justice"]').textContent(), /Not recorded/);
    assert.ok(await page.getByRole('link', { name: 'Download these figures as CSV' }).isVisible());
    await assertAccessible(page, 'the compliance page');
    await assertNoHorizontalOverflow(page, 'the compliance page');
  });
});

test('the support and outcomes page: days taken with charts, needs and outcomes as tables, no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await openForThisMonth(page, 'Support and outcomes');
    assert.match(await page.title(), /^Support and outcomes – Insight – /);
    const contact = page.getByRole('table', { name: /Days from referral to first contact/ });
    await contact.waitFor();
    // Nobody has been reached yet: every band fewer than 5, said in words.
    assert.equal(await contact.getByRole('row', { name: /Same day/ }).getByRole('cell').first().textContent(), 'fewer than 5');
    assert.equal(await page.getByRole('img', { name: /Days from referral to first contact: bar chart/ }).count(), 1);
    // The period's table, then the period before's, each with its months in its caption.
    assert.equal(await page.getByRole('table', { name: /Needs at assessment/ }).count(), 2);
    const needs = page.getByRole('table', { name: /Needs at assessment/ }).first();
    assert.equal(await needs.getByRole('columnheader', { name: 'A lot', exact: true }).count(), 1);
    assert.ok(await page.getByRole('table', { name: /Better able to cope and recover at close, by need/ }).first().isVisible());
    assert.match(await page.getByText(/None in /).first().textContent(), /None in/, 'no onward referrals said in words');
    assert.ok(await page.getByRole('link', { name: 'Download these figures as CSV' }).isVisible());
    await assertAccessible(page, 'the support page');
    await assertNoHorizontalOverflow(page, 'the support page');
  });
});

test('the funding-stream page: each figure by stream beside all streams, no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await openForThisMonth(page, 'By funding stream');
    assert.match(await page.title(), /^By funding stream – Insight – /);
    const referrals = page.getByRole('table', { name: /Referrals received, by funding stream/ });
    await referrals.waitFor();
    // The 7 burglaries are all the victims' grant's: 7 there and 7 in all.
    assert.equal(await referrals.getByRole('columnheader', { name: "Victims' grant (Ministry of Justice)" }).count(), 1);
    assert.equal(await referrals.getByRole('columnheader', { name: 'All streams' }).count(), 1);
    assert.deepEqual(await referrals.getByRole('row', { name: /Referrals received/ }).getByRole('cell').allTextContents(), ['7', '7']);
    assert.ok(await page.getByRole('table', { name: /Referrals by offence group and funding stream/ }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'Download these figures as CSV' }).isVisible());
    await assertAccessible(page, 'the funding-stream page');
    await assertNoHorizontalOverflow(page, 'the funding-stream page');
  });
});

test('the capacity page: services and teams as they stand now, no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...COMMISSIONER);
    await page.goto(`${server.url}/insight`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Capacity' }).click()]);
    assert.match(await page.title(), /^Capacity and utilisation – Insight – /);
    const services = page.getByRole('table', { name: /Services: open cases and capacity/ });
    await services.waitFor();
    // The 7 burglaries went to the service with no capacity configured.
    const row = services.getByRole('row', { name: /Victim Care Merseyside – Victim Support/ });
    assert.match(await row.textContent(), /7[\s\S]*not limited/);
    assert.ok(await page.getByRole('link', { name: 'Download these figures as CSV' }).isVisible());
    await assertAccessible(page, 'the capacity page');
    await assertNoHorizontalOverflow(page, 'the capacity page');
  });
});
