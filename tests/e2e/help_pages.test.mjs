// The self-help pages in real Chromium: reached from the home page, each page and the index pass
// axe-core (no serious or critical findings), with and without JavaScript, and a page's link to
// the directory opens the matching search.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertAccessible, assertAccessibleWithoutScripts, launchBrowser, withPage } from './browser.mjs';

const T = { timeout: 120_000 };
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('from the home page to a help page and on to its directory search, accessible all the way', T, async () => {
  await withPage(browser, server.url, {}, async (page) => {
    await page.goto(server.url + '/');
    await Promise.all([page.waitForURL(/\/help$/), page.getByRole('link', { name: 'help and advice', exact: true }).click()]);
    assert.equal(await page.title(), 'Help and advice – Find support after a crime');
    await assertAccessible(page, '/help');
    const links = await page.locator('main a[href^="/help/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 5);
    for (const href of links) {
      await page.goto(server.url + href);
      assert.equal(await page.locator('h1').count(), 1, href);
      await assertAccessible(page, href);
    }
    await page.goto(server.url + '/help/coping-after-a-burglary');
    await Promise.all([page.waitForURL(/\/find-support\?/),
      page.getByRole('link', { name: 'Search for support services that can help' }).click()]);
    assert.equal(new URL(page.url()).searchParams.get('crime_type'), 'burglary_and_theft');
    assert.ok((await page.locator('main').textContent()).length > 0);
  });
});

test('without JavaScript the pages read and pass axe-core too', T, async () => {
  const seen = [];
  await withPage(browser, server.url, { javaScriptEnabled: false }, async (page) => {
    for (const p of ['/help', '/help/your-rights-under-the-victims-code', '/help/staying-safe-online']) {
      await page.goto(server.url + p);
      assert.ok((await page.locator('main h1').textContent()).length > 0, p);
      seen.push({ label: p, url: page.url(), html: await page.content() });
    }
  });
  await assertAccessibleWithoutScripts(browser, server.url, seen);
});
