// The public directory in real Chromium: search by crime type, by area, by both, by keywords and
// postcode; a service page; the same searches without JavaScript; 320 px; axe-core on each page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import {
  allResultNames, assertAccessible, assertNoHorizontalOverflow, launchBrowser, resultNames,
  withPage as withPageIn,
} from './browser.mjs';
import { demoExpectations } from './demo_expectations.mjs';

const T = { timeout: 120_000 };
let server;
let browser;
let expect;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  expect = demoExpectations();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (options, fn, check) => withPageIn(browser, server.url, options, fn, check);

// Fills the search form the way a person would, then submits it.
async function search(page, { crimeType, area, keywords, postcode } = {}) {
  await page.goto(`${server.url}/find-support`);
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
