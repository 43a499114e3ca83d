// The case's messages section in real Chromium, checked with axe-core: the demo advisor, allocated
// the case, sees the introduction form with the unsafe channels disabled and explained, is refused
// with the GOV.UK error summary when choosing nothing, and queues a text; then books an
// appointment reminder (refused first with every error at once). No serious or critical findings
// on any of them. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { querySqlite, startServer, vg } from '../support/server.mjs';
import { hiddenField, signedInBrowser } from '../support/browser.mjs';
import { assertAccessible, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
};

let server;
let browser;
let caseId;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${out[out.length - 1].trim()}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: 'E2E/MSG/1/26',
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: 'Robin Inventedname', phone: '0151 496 0000' },
      safe_contact: { safe_channels: ['call', 'text'], safe_phone: '0151 496 0789', may_say_who_we_are: true },
    }),
  });
  caseId = (await res.json()).id;
  const leader = await signedInBrowser(server.url, ...LOGIN.leader);
  const page = await leader.get(`/cases/${caseId}`);
  const advisorId = querySqlite(server, `SELECT id FROM users WHERE email = '${LOGIN.advisor[0]}'`);
  const allocated = await leader.post(`/cases/${caseId}/allocation`, {
    csrf_token: hiddenField(page.text, 'csrf_token'), version: hiddenField(page.text, 'version'), user_id: advisorId, how: 'chosen' });
  assert.equal(allocated.status, 303);
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (fn) => withPageIn(browser, server.url, {}, fn, { ignoreConsole: /status of 422/ });

async function press(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

test('the messages section has no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...LOGIN.advisor);
    await page.goto(`${server.url}/cases/${caseId}`);
    await assertAccessible(page, 'the case with the introduction banner');
    await page.goto(`${server.url}/cases/${caseId}/messages`);
    assert.equal(await page.locator('h1').textContent(), 'Messages');
    assert.equal(await page.locator('[id="channel-email"]').isDisabled(), true, 'email is not safe');
    await assertAccessible(page, 'the introduction form');

    await press(page, 'Continue');
    assert.ok((await page.title()).startsWith('Error: '));
    await assertAccessible(page, 'the introduction form with errors');

    await page.locator('[id="channel"]').check();  // by text message
    await press(page, 'Continue');
    assert.match(await page.locator('#queued-messages').textContent(), /Introduction of their named contact/);
    await assertAccessible(page, 'the section after queueing');

    // The reminder form: nothing answered is refused with every error at once.
    assert.equal(await page.locator('[id="reminder_channel-email"]').isDisabled(), true);
    await press(page, 'Queue the reminder');
    assert.ok((await page.title()).startsWith('Error: '));
    assert.equal(await page.locator('.govuk-error-summary__list a').count(), 4);
    await assertAccessible(page, 'the reminder form with errors');

    const year = String(new Date().getUTCFullYear() + 1);  // always in the future
    await page.getByLabel('Day').fill('15');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill(year);
    await page.getByLabel('Time of the appointment').fill('10:30');
    await page.getByLabel('Video call').check();
    await page.locator('[id="reminder_channel"]').check();  // by text message
    await press(page, 'Queue the reminder');
    assert.match(await page.locator('#queued-messages').textContent(), new RegExp(`Appointment reminder for \\w+ 15 June ${year}`));
    await assertAccessible(page, 'the section after booking a reminder');
  });
});
