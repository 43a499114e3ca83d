// Shared set-up for the browser tests: Debian's Chromium through playwright-core, a network that
// reaches only the test server, axe-core checks and a horizontal-overflow check.
// Never lets a test reach the internet: every request to another host is answered locally.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { parseDemoLogins } from '../support/demo_logins.mjs';
import { freshCode, rememberSecret, secretFromSetUpPage } from '../support/second_factor.mjs';
import { sourceDir } from '../support/server.mjs';

// "Exit this page" is a link to the product's own /refer/exit, which forgets the self-referral
// draft and redirects to the configured exit_url. Tests point exit_url at startExitSite's stand-in
// (a browser does not pass a redirect's next hop through context.route, so a stand-in that only
// lived in the browser would let the redirect reach the internet).
export const EXIT_HREF = '/refer/exit';

const STAND_IN = '<!DOCTYPE html><html lang="en"><head><title>Weather (test stand-in)</title></head><body><h1>Weather</h1></body></html>';
let exitSiteOrigin = null;

// A harmless "other site" on a loopback port: what exit_url points at in tests. `requests` lists
// the paths it was asked for; pass `env` to startServer.
export async function startExitSite() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(STAND_IN);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/weather`;
  exitSiteOrigin = new URL(url).origin;
  return {
    url,
    requests,
    env: { VG_EXIT_URL: url },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

const axeSource = readFileSync(path.join(sourceDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.VG_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

// A browser context whose requests to anything but the test server (and the exit stand-in) get a
// small local page and are listed in context.externalRequests: nothing reaches the internet.
export async function newContext(browser, serverUrl, options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const origin = new URL(serverUrl).origin;
  const external = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || (exitSiteOrigin && url.startsWith(exitSiteOrigin))) return route.continue();
    external.push(url);
    return route.fulfill({ status: 200, contentType: 'text/html', body: STAND_IN });
  });
  context.externalRequests = external;
  return context;
}

// Runs `fn(page, context)` in a fresh context and fails on any script or CSP error the page
// reports, or any request to another site beyond `check.external`. `check.ignoreConsole`: console
// errors a test causes on purpose (a 400 or 404 page it asks for).
export async function withPage(browser, serverUrl, options, fn, check = {}) {
  const context = await newContext(browser, serverUrl, options);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !(check.ignoreConsole && check.ignoreConsole.test(m.text()))) problems.push(m.text());
  });
  try {
    await fn(page, context);
    assert.deepEqual(problems, [], 'the browser reported script or CSP errors');
    assert.deepEqual(context.externalRequests, check.external ?? [], 'pages must not load anything from other sites');
  } finally {
    await context.close();
  }
}

// Chromium cannot run axe-core in a page whose JavaScript is switched off, so pages a no-JS
// browser saw ({label, url, html}) are checked in a context that loads none of the site's
// scripts. Some depend on a cookie or answer a POST (a form with errors), so the exact HTML the
// no-JS browser got is served again at its own address there; styles still come from the server.
// `contextOptions`: the viewport (and so on) the pages were seen at.
export async function assertAccessibleWithoutScripts(browser, serverUrl, seen, contextOptions = {}) {
  assert.ok(seen.length > 0);
  await withPage(browser, serverUrl, contextOptions, async (page, context) => {
    await context.route(/\.js(\?|$)/, (route) => route.abort());
    let current = null;
    await context.route((u) => current !== null && u.href === current.url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: current.html }));
    for (const snapshot of seen) {
      current = snapshot;
      await page.goto(snapshot.url);
      current = null;
      assert.equal(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported')), false,
        'the page is as a browser without JavaScript shows it');
      await assertAccessible(page, `without scripts: ${snapshot.label}`);
    }
  }, { ignoreConsole: /Failed to load resource/ });
}

// Runs axe-core (WCAG 2.0/2.1 A and AA) and fails on any serious or critical violation.
// One documented exception: GOV.UK Frontend sets aria-expanded on a radio that reveals a
// question, which ARIA does not list for radios; GOV.UK keeps it on purpose because screen
// readers announce it (alphagov/govuk-frontend#979). Only that attribute on that role is allowed.
export async function assertAccessible(page, label = page.url()) {
  // Evaluated through DevTools rather than a <script> tag, so the page's strict CSP stays on.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  // eslint-disable-next-line no-undef
  await page.evaluate(() => axe.configure({ checks: [{ id: 'aria-allowed-attr', options: { radio: ['aria-expanded'] } }] }));
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
    [],
    `axe-core found serious or critical problems on ${label}`,
  );
}

// Nothing may make the page scroll sideways (checked at 320 px wide).
export async function assertNoHorizontalOverflow(page, label = page.url()) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && getComputedStyle(el).position !== 'fixed') {
        wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
  assert.ok(overflow.scrollWidth <= overflow.width,
    `${label} scrolls sideways at ${overflow.width}px: ${overflow.scrollWidth}px wide; ${overflow.wide.join(', ')}`);
}

// The visible service names in the search results, in order.
export async function resultNames(page) {
  return page.locator('.app-result__title a').allTextContents().then((names) => names.map((n) => n.trim()));
}

// Every service name across all result pages (follows "Next").
export async function allResultNames(page) {
  const names = [];
  for (let i = 0; i < 50; i += 1) {
    names.push(...(await resultNames(page)));
    const next = page.locator('.govuk-pagination__next a');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForLoadState('domcontentloaded'), next.first().click()]);
  }
  return names;
}

// Demo log-ins as `demo-data` prints them: {email, password, totpSecret, role}.
export const demoLogins = parseDemoLogins;

// Presses the button named `name` and waits for the answer to the POST it sends.
async function submit(page, name) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
}

// Signs in through the pages as a person would: the password, then (for a role that needs it)
// the code from their authenticator app, or setting one up and saving its recovery codes, which
// are returned. Stops wherever the server answers otherwise (a wrong password's errors).
export async function signInPage(page, serverUrl, email, password) {
  await page.goto(`${serverUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  // Wait for the answer to the POST itself: the page we are on is already loaded.
  await submit(page, 'Sign in');
  const path = new URL(page.url()).pathname;
  if (path === '/sign-in/code') {
    await page.locator('#code').fill(await freshCode(serverUrl, email));
    await submit(page, 'Continue');
  } else if (path === '/sign-in/set-up-authenticator') {
    const secret = secretFromSetUpPage(await page.content());
    assert.ok(secret, 'the set-up page shows the key in an otpauth:// link');
    rememberSecret(serverUrl, email, secret);
    await page.locator('#code').fill(await freshCode(serverUrl, email, secret));
    await submit(page, 'Continue');
    const codes = await page.locator('#recovery-codes code').allTextContents();
    await submit(page, 'I have saved these codes');
    return codes;
  }
  return [];
}
