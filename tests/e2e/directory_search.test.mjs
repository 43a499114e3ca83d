// The public directory in real Chromium: search by crime type, by area, by both, by keywords and
// postcode; a service page; the same searches without JavaScript; 320 px, where the results come
// before the folded filters (with and without JavaScript); axe-core on each page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sourceDir, startServer } from '../support/server.mjs';
import {
  allResultNames, assertAccessible, assertAccessibleWithoutScripts, assertNoHorizontalOverflow,
  launchBrowser, resultNames, withPage as withPageIn,
} from './browser.mjs';
import { demoExpectations } from './demo_expectations.mjs';

const T = { timeout: 120_000 };
let server;
let browser;
let expect;

before(async () => {
  // The demo's illustrative postcodes, as `make run` loads them, so postcode search is offered.
  server = await startServer({
    before: [['import-postcodes', path.join(sourceDir, 'config/demo/postcodes-illustrative.csv')]],
  });
  browser = await launchBrowser();
  expect = demoExpectations();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (options, fn, check) => withPageIn(browser, server.url, options, fn, check);

const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1024, height: 768 } };

const toggle = (page) => page.locator('#filters > summary');

// On a phone the filters are folded behind "Show filters": open them as a person would.
async function showFilters(page) {
  if (await page.locator('#keywords').isVisible()) return;
  await toggle(page).click();
  await page.locator('#keywords').waitFor();
}

// Fills the search form the way a person would, then submits it.
async function search(page, { crimeType, area, keywords, postcode } = {}) {
  await page.goto(`${server.url}/find-support`);
  await showFilters(page);
  if (crimeType) await page.getByLabel(crimeType, { exact: true }).check();
  if (area) await page.locator('#local_authority').selectOption({ label: area });
  if (keywords) await page.locator('#keywords').fill(keywords);
  if (postcode) await page.locator('#postcode').fill(postcode);
  await Promise.all([page.waitForURL(/\/find-support\?/), page.getByRole('button', { name: 'Search' }).click()]);
}

async function resultCount(page) {
  const text = await page.locator('#result-count').textContent();
  return Number.parseInt(text, 10);
}

// The value shown in a service page's summary-list row.
async function rowValue(page, key) {
  const row = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) });
  if ((await row.count()) === 0) return '';
  return (await row.first().locator('dd').textContent()).trim();
}

// Opens each of the first `n` results and returns what their pages say in `key`.
async function facetsOfFirstResults(page, key, n = 3) {
  const hrefs = await page.locator('.app-result__title a').evaluateAll((as) => as.map((a) => a.href));
  const values = [];
  for (const href of hrefs.slice(0, n)) {
    await page.goto(href);
    values.push(await rowValue(page, key));
  }
  return values;
}

describe('public directory', () => {
  test('start page says you do not have to report the crime, and starts the search', T, async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url);
      await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Find support after a crime' }).waitFor());
      assert.match(await page.locator('main').textContent(), /do not have to report it/);
      assert.equal(await page.title(), 'Find support after a crime');
      assert.equal(await page.locator('.govuk-skip-link').getAttribute('href'), '#main-content');
      await assertAccessible(page, 'start page');
      await page.getByRole('button', { name: /Start now/ }).click();
      await page.waitForURL(/\/find-support$/);
      await assertAccessible(page, 'search page');
    });
  });

  test('search by crime type shows only services for that crime', T, async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/find-support`);
      const everything = await resultCount(page);
      await search(page, { crimeType: expect.crimeType });
      assert.match(page.url(), /crime_type=/);
      const count = await resultCount(page);
      assert.ok(count > 0, 'some services help with this crime');
      assert.ok(count < everything, 'the filter excludes some services');
      await assertAccessible(page, 'results by crime type');
      const names = await allResultNames(page);
      for (const name of expect.crimeTypeIncludes) assert.ok(names.includes(name), `${name} is listed`);
      for (const name of expect.crimeTypeExcludes) assert.ok(!names.includes(name), `${name} is not listed`);
      await search(page, { crimeType: expect.crimeType });
      for (const crimes of await facetsOfFirstResults(page, 'Types of crime')) {
        assert.ok(crimes.includes(expect.crimeType), `"${crimes}" includes ${expect.crimeType}`);
      }
    });
  });

  test('search by area shows only services covering that area', T, async () => {
    await withPage({}, async (page) => {
      await search(page, { area: expect.area });
      assert.match(page.url(), /local_authority=/);
      assert.ok((await resultCount(page)) > 0);
      await assertAccessible(page, 'results by area');
      const here = await allResultNames(page);
      await search(page, { area: expect.otherArea });
      const there = await allResultNames(page);
      assert.ok(here.some((name) => !there.includes(name)), 'areas in different forces list different services');
      for (const name of expect.areaIncludes) assert.ok(here.includes(name), `${name} is listed for ${expect.area}`);
      for (const name of expect.areaExcludes) assert.ok(!here.includes(name), `${name} is not listed for ${expect.area}`);
      await search(page, { area: expect.area });
      for (const areas of await facetsOfFirstResults(page, 'Areas covered')) {
        assert.ok(areas.includes(expect.area), `"${areas}" includes ${expect.area}`);
      }
    });
  });

  test('search by crime type and area together narrows to both', T, async () => {
    await withPage({}, async (page) => {
      await search(page, { crimeType: expect.crimeType });
      const byCrime = await allResultNames(page);
      await search(page, { area: expect.area });
      const byArea = await allResultNames(page);
      await search(page, { crimeType: expect.crimeType, area: expect.area });
      await assertAccessible(page, 'results by crime type and area');
      const both = await allResultNames(page);
      assert.ok(both.length > 0, 'some services match both');
      for (const name of both) {
        assert.ok(byCrime.includes(name) && byArea.includes(name), `${name} matches both filters`);
      }
      assert.ok(both.length <= Math.min(byCrime.length, byArea.length));
      for (const name of expect.bothIncludes) assert.ok(both.includes(name), `${name} matches both`);
    });
  });

  test('free text finds a service by words in its name', T, async () => {
    await withPage({}, async (page) => {
      await search(page, { keywords: expect.keywords });
      const names = await allResultNames(page);
      assert.ok(names.some((n) => n.toLowerCase().includes(expect.keywordsFind.toLowerCase())),
        `a result mentions ${expect.keywordsFind}: ${names.join(', ')}`);
      await search(page, { keywords: 'zzqqxxjj' });
      assert.equal(await resultCount(page), 0);
      assert.match(await page.locator('main').textContent(), /No services match your search/);
      assert.match(await page.locator('main').textContent(), /08 08 16 89 111/);
      await assertAccessible(page, 'no results');
    });
  });

  test('a service page shows what it does, who it is for and how to contact it', T, async () => {
    await withPage({}, async (page) => {
      await search(page, { area: expect.area });
      const first = page.locator('.app-result__title a').first();
      const name = (await first.textContent()).trim();
      await first.click();
      await page.waitForURL(/\/find-support\/services\//);
      assert.equal((await page.locator('h1').textContent()).trim(), name);
      // A neutral title: history and tab lists must not say which service someone looked at.
      assert.equal(await page.title(), 'Support service – Find support after a crime');
      assert.ok(!(await page.title()).includes(name));
      assert.equal(await page.getByRole('link', { name: 'Ask for support' }).first().getAttribute('href'), '/refer');
      assert.equal(await page.getByRole('link', { name: /Cover your tracks/ }).getAttribute('href'), '/cover-your-tracks');
      assert.ok((await rowValue(page, 'Organisation')).length > 0);
      assert.ok((await rowValue(page, 'Areas covered')).length > 0);
      assert.ok(await page.getByText('Can you refer yourself?').isVisible());
      const tel = page.locator('a[href^="tel:"]');
      if ((await tel.count()) > 0) assert.match(await tel.first().getAttribute('href'), /^tel:\+?\d+$/);
      await assertAccessible(page, 'service page');

      const missing = await page.goto(`${server.url}/find-support/services/00000000-0000-4000-8000-000000000000`);
      assert.equal(missing.status(), 404);
      assert.match(await page.locator('h1').textContent(), /Page not found/);
      await assertAccessible(page, '404 page');
    }, { ignoreConsole: /status of 404/ });
  });

  test('postcodes: malformed and unknown postcodes get different, clear messages', T, async () => {
    await withPage({}, async (page) => {
      await search(page, { postcode: 'NOT A POSTCODE' });
      assert.ok((await page.title()).startsWith('Error: '));
      const summary = page.locator('.govuk-error-summary');
      assert.match(await summary.textContent(), /Enter a full UK postcode, like L1 8JQ/);
      assert.equal(await summary.locator('a').first().getAttribute('href'), '#postcode');
      assert.match(await page.locator('#postcode-error').textContent(), /Enter a full UK postcode/);
      assert.equal(await page.locator('#postcode').inputValue(), 'NOT A POSTCODE');
      await assertAccessible(page, 'malformed postcode');

      await search(page, { postcode: 'ZZ99 9ZZ' });
      const message = await page.locator('.govuk-error-summary').textContent();
      assert.doesNotMatch(message, /Enter a full UK postcode/);
      assert.match(message, /choose your area from the list instead/i);
      await assertAccessible(page, 'unknown postcode');
    });
  });

  test('postcodes: one of the demo\'s illustrative postcodes finds its area\'s services, and says it is invented', T, async () => {
    await withPage({}, async (page) => {
      await search(page, { area: expect.area });
      const byArea = await allResultNames(page);
      await search(page, { postcode: 'l1 0vv' });
      assert.equal(await page.locator('.govuk-error-summary').count(), 0);
      const main = await page.locator('main').textContent();
      assert.match(main, /Showing services for Liverpool \(postcode L1 0VV\)/);
      assert.match(main, /This postcode is illustrative/);
      await assertAccessible(page, 'results for an illustrative postcode');
      assert.deepEqual(await allResultNames(page), byArea);
    });
  });

  test('results are paged with the GOV.UK pagination component', T, async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/find-support`);
      const total = await resultCount(page);
      assert.equal((await resultNames(page)).length, Math.min(total, 10));
      if (total <= 10) return;
      await page.locator('.govuk-pagination__next a').click();
      await page.waitForURL(/page=2/);
      assert.match(await page.title(), /page 2 of/);
      assert.equal(await page.locator('.govuk-pagination__item--current a').textContent().then((t) => t.trim()), '2');
      await assertAccessible(page, 'page 2');
    });
  });
});

describe('public directory without JavaScript', () => {
  test('the same searches work and give the same results', T, async () => {
    const withJs = {};
    await withPage({}, async (page) => {
      await search(page, { crimeType: expect.crimeType });
      withJs.crime = await resultNames(page);
      await search(page, { area: expect.area });
      withJs.area = await resultNames(page);
      await search(page, { crimeType: expect.crimeType, area: expect.area });
      withJs.both = await resultNames(page);
    });
    // Chromium cannot run axe-core in a page whose JavaScript is switched off, so the no-JS
    // pages visited are checked afterwards in a context that loads none of the site's scripts.
    const visited = [];
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await search(page, { crimeType: expect.crimeType });
      assert.deepEqual(await resultNames(page), withJs.crime);
      visited.push(page.url());
      await search(page, { area: expect.area });
      assert.deepEqual(await resultNames(page), withJs.area);
      await search(page, { crimeType: expect.crimeType, area: expect.area });
      assert.deepEqual(await resultNames(page), withJs.both);
      visited.push(page.url());
      await search(page, { postcode: 'NOT A POSTCODE' });
      assert.match(await page.locator('.govuk-error-summary').textContent(), /Enter a full UK postcode/);
      visited.push(page.url());
      await page.goto(`${server.url}/find-support`);
      await page.locator('.app-result__title a').first().click();
      await page.waitForURL(/\/find-support\/services\//);
      assert.ok((await page.locator('h1').textContent()).trim().length > 0);
      visited.push(page.url());
    });
    await withPage({}, async (page, context) => {
      await context.route(/\.js(\?|$)/, (route) => route.abort());
      for (const url of visited) {
        await page.goto(url);
        await assertAccessible(page, `without scripts: ${url}`);
      }
    }, { ignoreConsole: /Failed to load resource/ });
  });
});

describe('a 320 px wide phone', () => {
  test('nothing scrolls sideways on the public pages', T, async () => {
    await withPage({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
      const visit = async (url, label) => {
        await page.goto(url);
        await assertNoHorizontalOverflow(page, label);
        // A full-page screenshot is as wide as the page: it must be exactly the screen's width.
        const png = await page.screenshot({ fullPage: true });
        assert.equal(png.readUInt32BE(16), 320, `${label} screenshot is wider than the screen`);
      };
      await visit(server.url, 'start page');
      await visit(`${server.url}/find-support`, 'search page');
      await search(page, { crimeType: expect.crimeType, area: expect.area });
      await assertNoHorizontalOverflow(page, 'results');
      await search(page, { postcode: 'bad' });
      await assertNoHorizontalOverflow(page, 'postcode error');
      await search(page, { area: expect.area });
      const href = await page.locator('.app-result__title a').first().getAttribute('href');
      await visit(`${server.url}${href}`, 'service page');
      await visit(`${server.url}/sign-in`, 'sign-in page');
      await visit(`${server.url}/accessibility`, 'accessibility statement');
      await visit(`${server.url}/privacy`, 'privacy notice');
      await assertAccessible(page, 'privacy notice at 320 px');
    });
  });
});

// The top and bottom of an element, in the window (scrolled to the top on a fresh page).
const boxOf = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, left: r.left, screen: window.innerHeight };
});

// A phone's first look at the search: the results' heading ("24 services") on the first screen,
// the filters folded behind "Show filters" just above it (unfolded, they were 22 checkboxes long).
async function assertResultsFirst(page, label) {
  assert.equal(await page.locator('#keywords').isVisible(), false, `${label}: the filters are folded`);
  assert.equal(await page.getByLabel(expect.crimeType, { exact: true }).isVisible(), false);
  assert.ok(await toggle(page).isVisible(), `${label}: "Show filters" is shown`);
  assert.match(await toggle(page).innerText(), /Show filters/);
  const count = await boxOf(page.locator('#result-count'));
  assert.ok(count.bottom <= count.screen,
    `${label}: the results start on the first screen (their heading at ${count.top} of ${count.screen})`);
  assert.ok((await boxOf(toggle(page))).bottom <= count.top, `${label}: the toggle comes before the results`);
}

describe('on a phone the results come before the filters', () => {
  test('with JavaScript: the filters fold behind "Show filters", which opens and searches', T, async () => {
    await withPage(PHONE, async (page) => {
      await page.goto(`${server.url}/find-support`);
      await assertResultsFirst(page, 'search page');
      await assertAccessible(page, 'search page at 320 px, filters folded');
      await toggle(page).click();
      assert.ok(await page.locator('#keywords').isVisible());
      assert.match(await toggle(page).innerText(), /Hide filters/);
      assert.equal(await toggle(page).locator('xpath=..').getAttribute('open'), '');
      await assertAccessible(page, 'search page at 320 px, filters shown');
      await page.getByLabel(expect.crimeType, { exact: true }).check();
      await page.locator('#local_authority').selectOption({ label: expect.area });
      await Promise.all([page.waitForURL(/crime_type=/), page.getByRole('button', { name: 'Search' }).click()]);
      // The answer: results again, and the folded filters say two are in use.
      assert.equal(await page.locator('#keywords').isVisible(), false);
      assert.match(await toggle(page).innerText(), /Show filters \(2 chosen\)/);
      assert.ok((await resultNames(page)).includes(expect.bothIncludes[0]));
      await assertNoHorizontalOverflow(page, 'results at 320 px');
      await assertAccessible(page, 'results at 320 px');
      await toggle(page).click();
      assert.equal(await page.getByLabel(expect.crimeType, { exact: true }).isChecked(), true);
    });
  });

  test('without JavaScript: the same, as a plain <details>', T, async () => {
    const seen = [];
    await withPage({ ...PHONE, javaScriptEnabled: false }, async (page) => {
      await page.goto(`${server.url}/find-support`);
      await assertResultsFirst(page, 'search page without JavaScript');
      seen.push({ label: 'folded', url: page.url(), html: await page.content() });
      await toggle(page).click();
      assert.ok(await page.locator('#keywords').isVisible());
      assert.match(await toggle(page).innerText(), /Hide filters/);
      seen.push({ label: 'shown', url: page.url(), html: await page.content() });
      await page.getByLabel(expect.crimeType, { exact: true }).check();
      await Promise.all([page.waitForURL(/crime_type=/), page.getByRole('button', { name: 'Search' }).click()]);
      assert.equal(await page.locator('#keywords').isVisible(), false);
      assert.match(await toggle(page).innerText(), /Show filters \(1 chosen\)/);
      assert.ok((await resultNames(page)).length > 0);
      seen.push({ label: 'results', url: page.url(), html: await page.content() });
      // A problem with a filter opens them, so the error summary's link leads somewhere.
      await search(page, { postcode: 'NOT A POSTCODE' });
      assert.ok(await page.locator('#postcode').isVisible());
      assert.equal(await page.locator('.govuk-error-summary a').first().getAttribute('href'), '#postcode');
      seen.push({ label: 'postcode error', url: page.url(), html: await page.content() });
    });
    await assertAccessibleWithoutScripts(browser, server.url, seen, PHONE);
  });

  test('from tablet width up the filters are always shown beside the results, with no toggle', T, async () => {
    for (const javaScriptEnabled of [true, false]) {
      const label = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
      await withPage({ ...DESKTOP, javaScriptEnabled }, async (page) => {
        await page.goto(`${server.url}/find-support?crime_type=domestic_abuse`);
        assert.ok(await page.locator('#keywords').isVisible(), `${label}: the filters are shown`);
        assert.ok(await page.getByLabel(expect.crimeType, { exact: true }).isChecked());
        assert.equal(await toggle(page).isVisible(), false, `${label}: no toggle`);
        const filters = await boxOf(page.locator('form.app-filter'));
        const results = await boxOf(page.locator('#results'));
        assert.ok(filters.left < results.left && Math.abs(filters.top - results.top) < 40, `${label}: side by side`);
        if (!javaScriptEnabled) return;
        await assertAccessible(page, 'search page at 1024 px');
        // A window made narrow folds them; made wide again, shows them.
        await page.setViewportSize(PHONE.viewport);
        await page.waitForFunction(() => !document.getElementById('filters').open);
        assert.equal(await page.locator('#keywords').isVisible(), false);
        await page.setViewportSize(DESKTOP.viewport);
        await page.waitForFunction(() => document.getElementById('filters').open);
        assert.ok(await page.locator('#keywords').isVisible());
      });
    }
  });
});
