// Live chat in real Chromium, two contexts at once: a victim (with JavaScript, and without it)
// and an advisor. The chat runs end to end on the plain form-post pages, every chat page passes
// axe-core (no serious or critical findings), and Exit this page ends the chat: back does not
// return to it, and nothing of it comes back. With the victim's agreement the advisor makes the
// chat a referral from the staff form; the victim sees its reference; the case shows the chat.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import {
  assertAccessible, assertAccessibleWithoutScripts, launchBrowser, newContext, signInPage, startExitSite,
} from './browser.mjs';

const T = { timeout: 180_000 };
let server;
let browser;
let exitSite;

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

const pathOf = (page) => new URL(page.url()).pathname;

async function click(page, name) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.getByRole('button', { name, exact: true }).click()]);
}

// Sends a message with JavaScript on: over the chat's socket once it is open (the page stays),
// or as a plain form post before (the page loads again); either way it joins the transcript.
async function send(page, text) {
  await page.getByLabel('Your message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('.app-chat-transcript').getByText(text, { exact: true }).waitFor();
}

// The advisor, signed in, with the queue open (which puts them on).
async function advisorOnDuty() {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await signInPage(page, server.url, 'advisor@demo.victim-gateway.test', 'demo-advisor-password');
  await page.goto(`${server.url}/staff/chats`);
  assert.equal(await page.locator('h1').textContent(), 'Chat queue');
  return { context, page };
}

async function victimStarts(page) {
  await page.goto(`${server.url}/chat`);
  await page.getByLabel('Merseyside').check();
  await click(page, 'Start a chat');
  assert.equal(pathOf(page), '/chat');
}

test('out of hours the chat says so and offers other help, accessibly', T, async () => {
  const context = await newContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(`${server.url}/chat`);
  await assertAccessible(page, 'the chat start page');
  await click(page, 'Start a chat');
  await assertAccessible(page, 'the chat start page with an error');
  await page.getByLabel('Staffordshire').check();
  await click(page, 'Start a chat');
  assert.match(await page.locator('h1').textContent(), /No one is available to chat right now/);
  await assertAccessible(page, 'out of hours');
  await context.close();
});

test('a victim and an advisor chat end to end, and every page passes axe-core', T, async () => {
  const advisor = await advisorOnDuty();
  const victimContext = await newContext(browser, server.url);
  const victim = await victimContext.newPage();
  await victimStarts(victim);
  assert.match(await victim.locator('main').textContent(), /Waiting for an advisor/);
  await send(victim, 'Hello, is anyone there?');
  await assertAccessible(victim, 'the victim waiting');

  await advisor.page.goto(`${server.url}/staff/chats`);
  await assertAccessible(advisor.page, 'the chat queue');
  await click(advisor.page, 'Take chat 1');
  assert.match(pathOf(advisor.page), /^\/staff\/chats\/[0-9a-f-]+$/);
  assert.match(await advisor.page.locator('main').textContent(), /Hello, is anyone there\?/);
  await send(advisor.page, 'Hello. I am here to listen.');
  await assertAccessible(advisor.page, 'the advisor chat');

  await Promise.all([victim.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    victim.getByRole('link', { name: 'Check for new messages' }).click()]);
  assert.match(await victim.locator('main').textContent(), /Hello\. I am here to listen\./);
  await assertAccessible(victim, 'the victim chat');

  // Exit this page: the chat ends for the advisor, and back does not return to it.
  await victim.waitForSelector('[data-govuk-exit-this-page-init]');
  await victim.locator('.govuk-exit-this-page__button').click();
  await victim.waitForURL(exitSite.url);
  assert.equal((await victimContext.cookies()).find((c) => c.name === 'vg_chat'), undefined, 'the chat cookie is gone');
  await victim.goBack();
  assert.ok(!(await victim.content()).includes('I am here to listen'), 'back shows nothing of the chat');
  const deadline = Date.now() + 5_000;
  let ended = false;
  while (!ended && Date.now() < deadline) {
    // The live page may be loading itself again as the chat ends: then this reload gives way.
    await advisor.page.reload().catch(() => {});
    ended = /This chat has ended/.test(await advisor.page.locator('main').textContent());
  }
  assert.ok(ended, 'the advisor sees the chat ended');
  await victimContext.close();
  await advisor.context.close();
});

test('without JavaScript the chat works by posting forms and refreshing, and passes axe-core', T, async () => {
  const advisor = await advisorOnDuty();
  const context = await newContext(browser, server.url, { javaScriptEnabled: false });
  const victim = await context.newPage();
  const seen = [];
  await victimStarts(victim);
  await click(victim, 'Send');
  seen.push({ label: 'an empty message refused', url: victim.url(), html: await victim.content() });
  assert.match(await victim.locator('.govuk-error-summary').textContent(), /Enter a message/);
  await victim.getByLabel('Your message').fill('I would rather type than talk.');
  await click(victim, 'Send');
  await advisor.page.goto(`${server.url}/staff/chats`);
  await click(advisor.page, 'Take chat 1');
  await send(advisor.page, 'That is fine. Take your time.');  // the advisor's page has scripts
  await victim.goto(`${server.url}/chat`);
  assert.match(await victim.locator('main').textContent(), /That is fine\. Take your time\./);
  seen.push({ label: 'the chat without scripts', url: victim.url(), html: await victim.content() });
  // The plain Exit this page link ends it too.
  await victim.locator('.govuk-exit-this-page__button').click();
  await victim.waitForURL(exitSite.url);
  await victim.goBack();
  assert.ok(!(await victim.content()).includes('Take your time'), 'back shows nothing of the chat');
  await context.close();
  await advisor.context.close();
  await assertAccessibleWithoutScripts(browser, server.url, seen);
});

const byId = (page, id) => page.locator(`[id="${id}"]`);

test('with consent the advisor makes the chat a referral; the victim sees the reference, then exits for good', T, async () => {
  const advisor = await advisorOnDuty();
  const victimContext = await newContext(browser, server.url);
  const victim = await victimContext.newPage();
  await victimStarts(victim);
  await send(victim, 'Someone broke into my car. Can you help?');

  await advisor.page.goto(`${server.url}/staff/chats`);
  await click(advisor.page, 'Take chat 1');
  await send(advisor.page, 'Yes. May I refer you to a service that can support you?');
  await Promise.all([victim.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    victim.getByRole('link', { name: 'Check for new messages' }).click()]);
  await send(victim, 'Yes please, I agree.');

  await advisor.page.reload();
  assert.match(await advisor.page.locator('main').textContent(), /Yes please, I agree\./);
  await Promise.all([advisor.page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    advisor.page.getByRole('link', { name: 'Make a referral from this chat' }).click()]);
  assert.equal(pathOf(advisor.page), '/staff/referrals/new');
  const page = advisor.page;
  await page.getByLabel('Name', { exact: true }).fill('Alex Inventedname');
  await byId(page, 'victim.age').fill('41');
  await byId(page, 'offence_category').selectOption('vehicle_offences');
  await byId(page, 'incident_date-day').fill('1');
  await byId(page, 'incident_date-month').fill('10');
  await byId(page, 'incident_date-year').fill('2025');
  await byId(page, 'local_authority').selectOption({ label: 'Liverpool' });
  await page.getByRole('group', { name: 'Has it been reported to the police?' }).getByLabel('No', { exact: true }).check();
  await page.getByLabel('Not asked yet').check();
  await click(page, 'Send referral');
  assert.match(await page.locator('.govuk-error-summary').textContent(), /agree/i, 'no referral without agreement');
  await assertAccessible(page, 'the chat referral refused');
  await page.getByLabel('Yes, they agreed').check();
  await click(page, 'Send referral');
  const reference = pathOf(page).match(/^\/staff\/referrals\/(MY-\d{4}-\d{6})$/)?.[1];
  assert.ok(reference, page.url());

  // The live page loads itself again when the chat becomes a referral.
  await victim.locator('.govuk-panel').getByText(reference).waitFor();
  assert.match(await victim.locator('main').textContent(), new RegExp(`Your reference is\\s*${reference}`));
  await assertAccessible(victim, 'the victim referred');

  // The case links to the chat it came from.
  await page.goto(`${server.url}/cases?channel=chat`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.getByRole('link', { name: reference, exact: true }).click()]);
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
    page.getByRole('link', { name: 'Read the chat this referral came from' }).click()]);
  assert.match(await page.locator('main').textContent(), /Someone broke into my car/);
  await assertAccessible(page, 'the case\'s chat');

  // Exit this page leaves the chat, and back does not return to it.
  await victim.waitForSelector('[data-govuk-exit-this-page-init]');
  await victim.locator('.govuk-exit-this-page__button').click();
  await victim.waitForURL(exitSite.url);
  await victim.goBack();
  const after = await victim.content();
  assert.ok(!after.includes('broke into my car') && !after.includes(reference), 'back shows nothing of the chat');
  await victimContext.close();
  await advisor.context.close();
});

test('the advisor records a safeguarding concern beside the chat, and the page passes axe-core', T, async () => {
  const advisor = await advisorOnDuty();
  const victimContext = await newContext(browser, server.url);
  const victim = await victimContext.newPage();
  await victimStarts(victim);
  await send(victim, 'My invented little brother is scared of him too.');
  await advisor.page.goto(`${server.url}/staff/chats`);
  await click(advisor.page, 'Take chat 1');
  const page = advisor.page;
  assert.match(await page.locator('main').textContent(), /call 999 first/);

  await click(page, 'Record concern');
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Select what kind of concern it is/);
  await assertAccessible(page, 'the concern refused');
  await page.getByLabel('Child at risk').check();
  await page.getByLabel('Note', { exact: true }).fill('An invented younger brother may be at risk at home.');
  await click(page, 'Record concern');
  const concerns = page.locator('[data-chat-concerns]');
  await concerns.getByText('An invented younger brother may be at risk at home.').waitFor();
  assert.match(await concerns.textContent(), /Child at risk/);
  await assertAccessible(page, 'the chat with a concern recorded');
  assert.doesNotMatch(await victim.content(), /younger brother|Safeguarding concerns/, 'the victim sees nothing of it');
  await victimContext.close();
  await advisor.context.close();
});
