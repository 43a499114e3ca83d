// "Exit this page" in real Chromium: a click, Shift pressed three times, and without JavaScript.
// The harmless destination is answered locally (see browser.mjs), so no real network is used.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { EXIT_URL, launchBrowser, newContext } from './browser.mjs';

const T = { timeout: 90_000 };
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

const publicPages = ['/', '/find-support', '/accessibility', '/privacy', '/sign-in'];

test('every public page has the Exit this page button, pointing at a harmless site', T, async () => {
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const page = await context.newPage();
  for (const path of publicPages) {
    await page.goto(server.url + path);
    const button = page.locator('.govuk-exit-this-page .govuk-exit-this-page__button');
    assert.equal(await button.count(), 1, `${path} has Exit this page`);
    assert.equal(await button.getAttribute('href'), EXIT_URL);
  }
  await context.close();
});

test('clicking Exit this page leaves at once and replaces this page in the history', T, async () => {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.goto(`${server.url}/find-support`);
  await page.locator('.govuk-exit-this-page__button').click();
  await page.waitForURL(EXIT_URL);
  assert.deepEqual(context.externalRequests, [EXIT_URL]);
  // The search page was replaced, so "back" skips it.
  await page.goBack();
  assert.equal(new URL(page.url()).pathname, '/');
  await context.close();
});

test('pressing Shift three times leaves the page when JavaScript is on', T, async () => {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/find-support`);
  await page.waitForSelector('[data-govuk-exit-this-page-init]');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  await page.waitForURL(EXIT_URL);
  await context.close();
});

test('without JavaScript the button is a plain link to the harmless site', T, async () => {
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/find-support`);
  await page.locator('.govuk-exit-this-page__button').click();
  await page.waitForURL(EXIT_URL);
  await context.close();
});
