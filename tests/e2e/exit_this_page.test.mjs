// "Exit this page" in real Chromium: a click, Shift pressed three times, and without JavaScript;
// and what it leaves behind in a self-referral: no cookie, no draft, nothing to go back to.
// exit_url points at a stand-in site on a loopback port (startExitSite), so nothing leaves the
// machine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { sqliteFile, startServer } from '../support/server.mjs';
import {
  EXIT_HREF, assertAccessible, launchBrowser, newContext, startExitSite,
} from './browser.mjs';

const T = { timeout: 90_000 };
let server;
let browser;
let exitSite;

// Invented: example.com is reserved for examples.
const EMAIL = 'exit.testperson@example.com';

before(async () => {
  exitSite = await startExitSite();
  server = await startServer({ env: exitSite.env });
  browser = await launchBrowser();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
  await exitSite?.close();
});

const publicPages = ['/', '/find-support', '/accessibility', '/privacy', '/sign-in', '/refer', '/refer/advice', '/help', '/chat'];
const pathOf = (page) => new URL(page.url()).pathname;

// Starts a self-referral and answers up to a safe email address; returns the draft's cookie.
async function startDraft(page, context) {
  await page.goto(`${server.url}/refer`);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByLabel('Yes', { exact: true }).check();
  await Promise.all([page.waitForURL(/\/refer\/contact$/), page.getByRole('button', { name: 'Continue' }).click()]);
  await page.getByLabel('Email', { exact: true }).check();
  await page.getByLabel('Email address').fill(EMAIL);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/contact')), page.getByRole('button', { name: 'Continue' }).click()]);
  const cookie = (await context.cookies()).find((c) => c.name === 'vg_refer');
  assert.ok(cookie, 'the journey keeps its draft in the vg_refer cookie');
  return cookie;
}

// True once the server no longer has the draft behind `cookie`: a browser that still presents it
// is sent back to the start. The draft is deleted by a worker just after the answer, and nothing
// outside the server says when, so this asks until it is gone (the pause only spaces the tries),
// for at most 5 s.
async function draftGone(cookie) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const r = await fetch(`${server.url}/refer/contact`, { headers: { cookie: `vg_refer=${cookie.value}` }, redirect: 'manual' });
    if (r.status === 303 && r.headers.get('location') === '/refer?expired=1') return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function assertNothingLeft(page, context, cookie) {
  assert.equal((await context.cookies()).find((c) => c.name === 'vg_refer'), undefined, 'the draft cookie is gone');
  assert.ok(await draftGone(cookie), 'the draft is deleted on the server too');
  // Opening the form again in the same browser shows nothing typed before.
  await page.goto(`${server.url}/refer/contact`);
  assert.equal(pathOf(page), '/refer');
  assert.ok(!(await page.content()).includes(EMAIL), 'no answer comes back');
}

test('every public page has Exit this page, a link to the exit endpoint that ends on the harmless site', T, async () => {
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const page = await context.newPage();
  for (const path of publicPages) {
    await page.goto(server.url + path);
    const button = page.locator('.govuk-exit-this-page .govuk-exit-this-page__button');
    assert.equal(await button.count(), 1, `${path} has Exit this page`);
    assert.equal(await button.getAttribute('href'), EXIT_HREF);
  }
  const response = await fetch(server.url + EXIT_HREF, { redirect: 'manual' });
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), exitSite.url);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.deepEqual(context.externalRequests, [], 'nothing reached another site');
  await context.close();
});

test('clicking Exit this page leaves at once and replaces this page in the history', T, async () => {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.goto(`${server.url}/find-support`);
  await page.waitForSelector('[data-govuk-exit-this-page-init]');
  await page.locator('.govuk-exit-this-page__button').click();
  await page.waitForURL(exitSite.url);
  // The search page was replaced, so "back" skips it.
  await page.goBack();
  assert.equal(pathOf(page), '/');
  await context.close();
});

test('pressing Shift three times leaves the page when JavaScript is on', T, async () => {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/find-support`);
  await page.waitForSelector('[data-govuk-exit-this-page-init]');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  await page.waitForURL(exitSite.url);
  await context.close();
});

test('with JavaScript, Exit this page in a self-referral forgets the answers, and back finds none', T, async () => {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  const cookie = await startDraft(page, context);
  await page.waitForSelector('[data-govuk-exit-this-page-init]');
  await page.locator('.govuk-exit-this-page__button').click();
  await page.waitForURL(exitSite.url);
  await page.goBack();
  assert.notEqual(pathOf(page), '/refer/who', 'the question page was replaced in the history');
  assert.ok(!(await page.content()).includes(EMAIL));
  await assertNothingLeft(page, context, cookie);
  await assertAccessible(page, 'the start page after an exit');
  await context.close();
});

test('without JavaScript, the Exit this page link forgets the answers, and back finds none', T, async () => {
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const page = await context.newPage();
  const cookie = await startDraft(page, context);
  const questionPath = pathOf(page);
  await page.locator('.govuk-exit-this-page__button').click();
  await page.waitForURL(exitSite.url);
  // A plain link adds a history entry; going back asks the server again (the pages are no-store)
  // and it has nothing left to show.
  await page.goBack();
  assert.notEqual(pathOf(page), questionPath, 'back does not show the question page again');
  assert.equal(pathOf(page), '/refer');
  assert.match(await page.locator('main').innerText(), /Your answers were deleted/);
  await page.goBack();
  assert.ok(!(await page.content()).includes(EMAIL), 'no page in the history shows the email address');
  await assertNothingLeft(page, context, cookie);
  await context.close();
});

test('Exit this page answers at once even while the database is busy, and deletes the draft after', T, async () => {
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const page = await context.newPage();
  const cookie = await startDraft(page, context);
  // Another process holds the database's write lock for 2 seconds. It says "locked" once it
  // has the lock (it waits up to 5 s for it), and the test goes on only then.
  const locker = spawn('sqlite3', ['-cmd', '.timeout 5000', sqliteFile(server)], { stdio: ['pipe', 'pipe', 'ignore'] });
  const locked = new Promise((resolve, reject) => {
    let said = '';
    locker.stdout.on('data', (chunk) => { said += chunk; if (said.includes('locked')) resolve(); });
    locker.once('exit', () => reject(new Error('sqlite3 ended before it held the lock')));
  });
  locker.stdin.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n");
  await locked;
  try {
    const started = Date.now();
    const response = await fetch(server.url + EXIT_HREF, { headers: { cookie: `vg_refer=${cookie.value}` }, redirect: 'manual' });
    const waited = Date.now() - started;
    assert.equal(response.status, 303);
    assert.match(response.headers.get('set-cookie') ?? '', /^vg_refer=;.*Max-Age=0/);
    assert.ok(waited < 1_500, `the exit answered in ${waited} ms, without waiting for the lock`);
    // The answer came before the draft could be deleted: it is still there while the lock holds.
    const during = await fetch(`${server.url}/refer/contact`, { headers: { cookie: `vg_refer=${cookie.value}` }, redirect: 'manual' });
    assert.equal(during.status, 200, 'the deletion waits for the lock, the person does not');
    // Kept on purpose: the lock is held for about 2 s in all, longer than a moment's contention,
    // so the deletion must wait it out rather than give up. The wait is what is under test.
    await new Promise((resolve) => setTimeout(resolve, 2_000 - waited));
  } finally {
    locker.stdin.end('COMMIT;\n');
    await new Promise((resolve) => locker.once('exit', resolve));
  }
  assert.ok(await draftGone(cookie),
    `the draft is deleted once the database is free; server said: ${server.logs.join('').split('\n').filter((l) => /exit|busy|locked/.test(l)).join(' | ')}`);
  await context.close();
});
