// Staff sign-in (with the second factor's pages), sign-out and directory administration in real
// Chromium, with axe-core checks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { freshCode, rememberSecret, secretFromSetUpPage } from '../support/second_factor.mjs';
import { binary, startServer, vg } from '../support/server.mjs';
import { assertAccessible, demoLogins, launchBrowser, newContext, signInPage } from './browser.mjs';

const T = { timeout: 120_000 };
let server;
let browser;
let admin;
let advisor;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // demo-data skips what exists, so running it again just prints the log-ins.
  const logins = demoLogins(vg(['demo-data'], server.env).stdout);
  admin = logins.find((l) => /administrator/i.test(l.role)) ?? logins.find((l) => l.email.startsWith('admin@'));
  advisor = logins.find((l) => /advisor/i.test(l.role)) ?? logins.find((l) => l.email.startsWith('advisor@'));
  assert.ok(admin && advisor, 'demo-data prints an administrator and an advisor log-in');
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page, email, password) => signInPage(page, server.url, email, password);

describe('signing in and out', () => {
  test('a wrong password or unknown email gets the same message', T, async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await assertAccessible(page, 'sign-in page');
    for (const [email, password] of [[admin.email, 'not-the-password'], ['nobody@example.org', 'whatever-password']]) {
      await signIn(page, email, password);
      assert.ok((await page.title()).startsWith('Error: Sign in'));
      assert.match(await page.locator('.govuk-error-summary').textContent(),
        /Enter a correct email address and password/);
      assert.equal(await page.locator('#email').inputValue(), email);
      assert.equal(await page.locator('#password').inputValue(), '');
    }
    await assertAccessible(page, 'sign-in with errors');
    await context.close();
  });

  test('an administrator signs in to the directory admin and signs out', T, async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    assert.equal(new URL(page.url()).pathname, '/admin');
    assert.match(await page.locator('h1').textContent(), /Directory/);
    assert.match(await page.locator('.moj-header').textContent(), /Sign out/);
    await assertAccessible(page, 'admin home');
    await page.locator('.moj-header').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signed-out=1/);
    assert.match(await page.locator('.govuk-notification-banner').textContent(), /You have signed out/);
    await assertAccessible(page, 'signed out');
    await page.goto(`${server.url}/admin`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await context.close();
  });

  test('other staff land on their home page and may not edit the directory', T, async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await signIn(page, advisor.email, advisor.password);
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.match(await page.locator('main').textContent(), /Gateway advisor|Advisor/i);
    await assertAccessible(page, 'staff home');
    const denied = await page.goto(`${server.url}/admin`);
    assert.equal(denied.status(), 403);
    await assertAccessible(page, '403 page');
    await page.goto(`${server.url}/staff`);
    await page.locator('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/signed-out=1/);
    await context.close();
  });

  test('forms without a valid CSRF token are refused', T, async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    const response = await page.request.post(`${server.url}/admin/organisations/new`, {
      form: { name: 'Forged organisation', csrf_token: 'forged' },
      maxRedirects: 0,
    });
    assert.equal(response.status(), 403);
    await context.close();
  });
});

describe('the second factor', () => {
  const submit = (page, name) => Promise.all([
    page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);

  test('setting up an app, its recovery codes and the code page pass axe-core, errors too', T, async () => {
    const email = 'second.factor.e2e@example.org';
    const password = 'an invented passphrase for e2e';
    const created = spawnSync(binary, ['users', 'create', '--email', email, '--name', 'Invented Twofactor',
      '--role', 'team_leader', '--organisation', '7a1c0e52-3d4b-4c1e-9f00-000000000002', '--password-stdin'],
    { env: { ...process.env, ...server.env }, input: `${password}\n`, encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const context = await newContext(browser, server.url);
    const page = await context.newPage();

    await page.goto(`${server.url}/sign-in`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await submit(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/sign-in/set-up-authenticator');
    assert.match(await page.locator('h1').textContent(), /Set up an authenticator app/);
    await assertAccessible(page, 'set up an authenticator app');
    const secret = secretFromSetUpPage(await page.content());
    assert.ok(secret);
    rememberSecret(server.url, email, secret);
    await page.locator('#code').fill('000000');
    await submit(page, 'Continue');
    assert.ok((await page.title()).startsWith('Error: Set up an authenticator app'), await page.title());
    await assertAccessible(page, 'set up an authenticator app, with an error');
    await page.locator('#code').fill(await freshCode(server.url, email, secret));
    await submit(page, 'Continue');
    assert.equal(await page.locator('#recovery-codes code').count(), 10);
    await assertAccessible(page, 'recovery codes');
    await submit(page, 'I have saved these codes');
    assert.equal(new URL(page.url()).pathname, '/staff');
    await page.locator('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/signed-out=1/);

    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await submit(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, '/sign-in/code');
    await assertAccessible(page, 'enter the code');
    await page.locator('#code').fill('12');
    await submit(page, 'Continue');
    assert.ok((await page.title()).startsWith('Error: Enter the code'), await page.title());
    assert.match(await page.locator('.govuk-error-summary').textContent(), /The code must be 6 digits/);
    await assertAccessible(page, 'enter the code, with an error');
    await page.getByRole('link', { name: /use a recovery code/ }).click();
    await page.waitForURL(/\/sign-in\/recovery-code$/);
    await assertAccessible(page, 'enter a recovery code');
    await page.getByRole('link', { name: /authenticator app/ }).click();
    await page.waitForURL(/\/sign-in\/code$/);
    await page.locator('#code').fill(await freshCode(server.url, email));
    await submit(page, 'Continue');
    assert.equal(new URL(page.url()).pathname, '/staff');
    await context.close();
  });
});

describe('directory administration', () => {
  test('adding an organisation shows errors, keeps what was typed, then saves', T, async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`${server.url}/admin/organisations/new`);
    await assertAccessible(page, 'new organisation form');
    await page.locator('#description').fill('Typed before the mistake');
    await page.getByRole('button', { name: 'Save organisation' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.ok((await page.title()).startsWith('Error: '), await page.title());
    assert.equal(await page.locator('.govuk-error-summary').count(), 1);
    assert.equal(await page.locator('#description').inputValue(), 'Typed before the mistake');
    await assertAccessible(page, 'organisation form with errors');

    const name = `Test support organisation ${Date.now()}`;
    await page.locator('#name').fill(name);
    await page.locator('#website').fill('https://www.example.org');
    await page.getByRole('button', { name: 'Save organisation' }).click();
    await page.waitForURL(/\/admin\?saved=organisation/);
    assert.match(await page.locator('.govuk-notification-banner').textContent(), /Organisation saved/);
    await context.close();
  });

  test('adding and editing a service', T, async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    await page.goto(`${server.url}/admin/services/new`);
    await assertAccessible(page, 'new service form');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.ok((await page.title()).startsWith('Error: '));
    await assertAccessible(page, 'service form with errors');

    const name = `Test counselling service ${Date.now()}`;
    await page.locator('#organization_id').selectOption({ index: 1 });
    await page.locator('#name').fill(name);
    await page.locator('#description').fill('Counselling for people affected by crime.');
    await page.locator('#crime_types').check();
    await page.locator('#local_authorities').check();
    await page.locator('#self_referral').check();
    await page.locator('#phone').fill('0151 496 0000');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.waitForLoadState('domcontentloaded');
    const problems = await page.locator('.govuk-error-summary').count() ? await page.locator('.govuk-error-summary').textContent() : '';
    assert.match(page.url(), /\/admin\?saved=service/, `service saved (${problems.trim()})`);

    await page.goto(`${server.url}/admin?q=${encodeURIComponent(name)}`);
    await page.getByRole('link', { name: `Edit ${name}` }).click();
    await page.waitForURL(/\/admin\/services\/.+\/edit/);
    assert.equal(await page.locator('#name').inputValue(), name);
    assert.ok(await page.locator('#crime_types').isChecked());
    await page.locator('#name').fill(`${name} (edited)`);
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.waitForURL(/\/admin\?saved=service/);

    await page.goto(`${server.url}/find-support?keywords=${encodeURIComponent('Test counselling service')}`);
    assert.ok((await page.locator('.app-result__title a').allTextContents()).some((n) => n.includes('(edited)')));
    await context.close();
  });
});
