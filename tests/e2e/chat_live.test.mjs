// Live chat over WebSocket in real Chromium, two contexts (victim and advisor): with JavaScript
// each side's messages appear on the other's page without reloading, sent without leaving the
// page; the other side typing and having seen a message show; both pages pass axe-core while
// live; nothing of the chat is kept in the browser's storage; and when the victim uses Exit this
// page the advisor's page shows the chat ended by itself.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../support/server.mjs';
import { assertAccessible, launchBrowser, newContext, signInPage, startExitSite } from './browser.mjs';

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

async function click(page, name) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.getByRole('button', { name, exact: true }).click()]);
}

const live = (page) => page.waitForSelector('[data-live-chat][data-live="ready"]');
const transcript = (page) => page.locator('.app-chat-transcript');

// Sends over the socket: the page stays where it is and the message joins the transcript.
async function sendLive(page, text) {
  const url = page.url();
  await page.getByLabel('Your message').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await transcript(page).getByText(text, { exact: true }).waitFor();
  assert.equal(page.url(), url, 'no page load');
  assert.equal(await page.getByLabel('Your message').inputValue(), '', 'the box is emptied for the next');
}

test('a chat runs end to end over WebSocket: live messages, typing, delivered, accessible', T, async () => {
  const advisorContext = await newContext(browser, server.url);
  const advisor = await advisorContext.newPage();
  await signInPage(advisor, server.url, 'advisor@demo.victim-gateway.test', 'demo-advisor-password');
  await advisor.goto(`${server.url}/staff/chats`);

  const victimContext = await newContext(browser, server.url);
  const victim = await victimContext.newPage();
  const problems = [];
  for (const page of [victim, advisor]) page.on('pageerror', (e) => problems.push(String(e)));
  await victim.goto(`${server.url}/chat`);
  await victim.getByLabel('Merseyside').check();
  await click(victim, 'Start a chat');
  await live(victim);
  await sendLive(victim, 'Hello, is anyone there?');

  await advisor.goto(`${server.url}/staff/chats`);
  await click(advisor, 'Take chat 1');
  await live(advisor);
  await transcript(advisor).getByText('Hello, is anyone there?').waitFor();
  // The victim's page learns the advisor joined, without reloading.
  await transcript(victim).getByText('An advisor joined the chat').waitFor();

  // The advisor types: the victim sees it; the advisor's message arrives live.
  await advisor.getByLabel('Your message').pressSequentially('Hello. I am', { delay: 20 });
  await victim.getByText('The advisor is typing…').waitFor();
  await advisor.getByLabel('Your message').fill('Hello. I am here to listen.');
  await advisor.getByRole('button', { name: 'Send', exact: true }).click();
  await transcript(victim).getByText('Hello. I am here to listen.').waitFor();
  // The victim's page showed it, so the advisor's page says it was delivered.
  await advisor.locator('[data-chat-seen]').getByText('Delivered').waitFor();
  await sendLive(victim, 'Thank you. Someone has been following me.');
  await transcript(advisor).getByText('Thank you. Someone has been following me.').waitFor();
  await victim.locator('[data-chat-seen]').getByText('Delivered').waitFor();

  await assertAccessible(victim, 'the victim\'s live chat');
  await assertAccessible(advisor, 'the advisor\'s live chat');

  // Nothing is kept on the device: no storage of any kind holds anything.
  const stored = await victim.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, databases: 0 });

  // Exit this page: the advisor's page shows the chat ended, by itself.
  await victim.waitForSelector('[data-govuk-exit-this-page-init]');
  await victim.locator('.govuk-exit-this-page__button').click();
  await victim.waitForURL(exitSite.url);
  await advisor.getByText('This chat has ended.').waitFor({ timeout: 10_000 });
  await victim.goBack();
  assert.ok(!(await victim.content()).includes('following me'), 'back shows nothing of the chat');
  assert.deepEqual(problems, [], 'no script errors');
  await victimContext.close();
  await advisorContext.close();
});
