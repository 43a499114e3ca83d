// Possible duplicates in real Chromium, checked with axe-core: the force and a partner refer one
// invented person for one crime; the demo advisor (allocated both by the team leader) opens the
// Duplicates tab, is refused "Not the same person" without a reason (GOV.UK error summary), goes
// to the merge's check-answers page, merges, sees the merged case's banner and undoes the merge.
// No serious or critical findings on any of them. Every person is invented.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { querySqlite, startServer, vg } from '../support/server.mjs';
import { hiddenField, signedInBrowser } from '../support/browser.mjs';
import { assertAccessible, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const ORG = { force: '7a1c0e52-3d4b-4c1e-9f00-000000000003', partner: '7a1c0e52-3d4b-4c1e-9f00-000000000004' };
const CHANNEL = { force: 'police', partner: 'partner' };
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
};

let server;
let browser;
const ids = {};

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  for (const who of ['force', 'partner']) {
    const out = vg(['api-keys', 'create', '--org', ORG[who]], server.env).stdout.trim().split('\n');
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${out[out.length - 1].trim()}` },
      body: JSON.stringify({
        channel: CHANNEL[who], area: 'merseyside', reported_to_police: true,
        police_force_code: 'E23000004', crime_reference: 'E2E/MERGE/1/26',
        incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
        local_authority: 'E08000012',
        victim: { type: 'person', name: 'Casey Inventedname', date_of_birth: '1980-01-02', phone: '0151 496 0789' },
      }),
    });
    assert.equal(res.status, 201);
    ids[who] = (await res.json()).id;
  }
  const leader = await signedInBrowser(server.url, ...LOGIN.leader);
  const advisorId = querySqlite(server, `SELECT id FROM users WHERE email = '${LOGIN.advisor[0]}'`).trim();
  for (const id of Object.values(ids)) {
    const page = await leader.get(`/cases/${id}`);
    const allocated = await leader.post(`/cases/${id}/allocation`, {
      csrf_token: hiddenField(page.text, 'csrf_token'), version: hiddenField(page.text, 'version'), user_id: advisorId, how: 'chosen' });
    assert.equal(allocated.status, 303);
  }
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const withPage = (fn) => withPageIn(browser, server.url, {}, fn, { ignoreConsole: /status of 422/ });

async function press(page, name) {
  const button = page.getByRole('button', { name, exact: false }).first();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

test('the duplicates tab, the merge check and the merged banner have no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...LOGIN.advisor);
    await page.goto(`${server.url}/cases/${ids.partner}/duplicates`);
    assert.equal(await page.locator('h1').textContent(), 'Possible duplicates');
    await assertAccessible(page, 'the duplicates tab');

    // "Not the same person" without a reason: refused, with the summary linking to the radios.
    await page.locator('.govuk-details__summary').first().click();
    await press(page, 'Not the same person');
    assert.ok((await page.title()).startsWith('Error: '));
    assert.equal(await page.locator('.govuk-error-summary a').count(), 1);
    await assertAccessible(page, 'the duplicates tab with an error');

    await press(page, 'Merge this case into');
    assert.match(await page.locator('h1').textContent(), /^Check before merging/);
    await assertAccessible(page, 'the merge check-answers page');

    await press(page, 'Merge the cases');
    assert.match(await page.locator('#merged-into').textContent(), /^Merged into /);
    await assertAccessible(page, 'the merged case with its banner');

    await page.goto(`${server.url}/cases/${ids.force}`);
    assert.equal(await page.locator('h2', { hasText: 'Timeline of ' }).count(), 1);
    await assertAccessible(page, 'the surviving case with the merged timeline');

    await page.goto(`${server.url}/cases/${ids.partner}`);
    await press(page, 'Undo merge');
    assert.equal(querySqlite(server, `SELECT status FROM cases WHERE id = '${ids.partner}'`).trim(), 'open');
  });
});
