// Break glass in real Chromium, checked with axe-core: an advisor of a second team of the demo
// hub opens a case the demo team holds, sees "This case is held by another team", is refused
// without a reason (GOV.UK error summary linking to the radios), gives one and sees the case.
// No serious or critical findings on any of them. Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { binary, startServer, vg } from '../support/server.mjs';
import { assertAccessible, launchBrowser, signInPage, withPage as withPageIn } from './browser.mjs';

const T = { timeout: 120_000 };
const ORG = { hub: '7a1c0e52-3d4b-4c1e-9f00-000000000002', force: '7a1c0e52-3d4b-4c1e-9f00-000000000003' };
const SECOND_TEAM = '7a1c0e52-3d4b-4c1e-9f00-0000000000f1';
const SECOND = ['e2e.second.advisor@example.com', 'e2e-second-advisor-password-1'];

let server;
let browser;
let caseId;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const created = spawnSync(binary, ['users', 'create', '--email', SECOND[0], '--name', 'Second Advisor',
    '--role', 'gateway_advisor', '--organisation', ORG.hub, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${SECOND[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  vg(['users', 'create-team', '--id', SECOND_TEAM, '--name', 'Invented second team', '--organisation', ORG.hub,
    '--area', 'merseyside'], server.env);
  vg(['users', 'join-team', '--email', SECOND[0], '--team', SECOND_TEAM], server.env);
  const out = vg(['api-keys', 'create', '--org', ORG.force], server.env).stdout.trim().split('\n');
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${out[out.length - 1].trim()}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: 'E2E/GLASS/1/26',
      incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
      local_authority: 'E08000012',
      victim: { type: 'person', name: 'Jamie Inventedname', date_of_birth: '1980-01-02', phone: '0151 496 0789' },
    }),
  });
  assert.equal(res.status, 201);
  caseId = (await res.json()).id;
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

test('the break-glass page, its error and the case behind it have no serious accessibility problems', T, async () => {
  await withPage(async (page) => {
    await signInPage(page, server.url, ...SECOND);
    await page.goto(`${server.url}/cases/${caseId}`);
    assert.equal(await page.locator('h1').textContent(), 'This case is held by another team');
    assert.doesNotMatch(await page.content(), /Inventedname/);
    await assertAccessible(page, 'the break-glass page');

    await press(page, 'See the case');
    assert.ok((await page.title()).startsWith('Error: '));
    assert.equal(await page.locator('.govuk-error-summary a').count(), 1);
    await assertAccessible(page, 'the break-glass page with an error');

    await page.locator('.govuk-error-summary a').first().click();
    await page.getByLabel('Duty cover').check();
    await press(page, 'See the case');
    assert.equal(new URL(page.url()).pathname, `/cases/${caseId}`);
    assert.match(await page.content(), /Jamie Inventedname/);
    await assertAccessible(page, 'the case opened by break glass');
  });
});
