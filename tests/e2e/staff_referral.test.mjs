// The staff referral form in real Chromium: an advisor fills it in and, without pressing
// anything, sees the assessment panel follow the answers (a flag ticked changes where it goes
// and why); a mistake shows the GOV.UK error summary; sending lands on the reference page. The
// same without JavaScript ("Update assessment", then "Send referral"), and a partner
// caseworker's form. axe-core on the form, the form with errors and the reference page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer } from '../support/server.mjs';
import { expectedServiceName } from '../support/routing_examples.mjs';
import {
  assertAccessible, assertAccessibleWithoutScripts, launchBrowser, signInPage, withPage as withPageIn,
} from './browser.mjs';

const T = { timeout: 120_000 };
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
};
const ORG = {
  hub: '7a1c0e52-3d4b-4c1e-9f00-000000000002',      // Victim Care Merseyside hub (demo)
  rasa: '7a1c0e52-3d4b-4c1e-9f00-000000000004',     // RASA Merseyside (demo)
};

// Invented people only. 0161 496 0xxx are Ofcom drama numbers; example.com is reserved.
const PERSON = {
  name: 'Jamie Inventedname',
  phone: '0161 496 0000',
  safePhone: '0161 496 0123',
  email: 'jamie.inventedname@example.com',
  account: 'Someone invented broke into the flat above the made-up Marrowby Launderette.',
};

const expectedService = (example) => expectedServiceName('merseyside', example);
const ISVA = expectedService('adult-rape-isva');
const GENERAL = expectedService('burglary-fallback');

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

const withPage = (options, fn, check) => withPageIn(browser, server.url, options, fn, check);

const ignore400 = { ignoreConsole: /status of 400/ };



// Inputs are named (and their ids are) referral JSON paths, with dots: not CSS-id friendly.
const byId = (page, id) => page.locator(`[id="${id}"]`);
const pathOf = (page) => new URL(page.url()).pathname;

async function signIn(page, [email, password]) {
  await signInPage(page, server.url, email, password);
  assert.equal(pathOf(page), '/staff', `${email} lands on the staff home page`);
}

// Presses a form's button and waits for the page that comes back (after any redirect).
async function press(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return response;
}

// From the staff home page, the way a person gets there.
async function openForm(page) {
  await page.getByRole('link', { name: 'Enter a referral' }).click();
  await page.waitForURL(/\/staff\/referrals\/new$/);
  assert.equal(await page.locator('h1').textContent(), 'Enter a referral');
}

// An adult's burglary in Liverpool, consent given, calls safe: what an advisor types on a call.
async function fillReferral(page, { safePhone = PERSON.safePhone } = {}) {
  await page.getByLabel('Name', { exact: true }).fill(PERSON.name);
  await byId(page, 'victim.date_of_birth-day').fill('14');
  await byId(page, 'victim.date_of_birth-month').fill('3');
  await byId(page, 'victim.date_of_birth-year').fill('1990');
  await byId(page, 'victim.phone').fill(PERSON.phone);
  await byId(page, 'victim.email').fill(PERSON.email);
  await byId(page, 'offence_category').selectOption('burglary_residential');
  await byId(page, 'incident_date-day').fill('1');
  await byId(page, 'incident_date-month').fill('10');
  await byId(page, 'incident_date-year').fill('2025');
  await byId(page, 'local_authority').selectOption({ label: 'Liverpool' });
  await page.getByRole('group', { name: 'Has it been reported to the police?' }).getByLabel('No', { exact: true }).check();
  await byId(page, 'safe_contact.safe_channels').check();  // Phone call
  if (safePhone) await byId(page, 'safe_contact.safe_phone').fill(safePhone);
  await page.getByLabel('Yes, they agreed').check();
  await byId(page, 'account').fill(PERSON.account);
}

const panel = (page) => page.locator('#assessment');
const decision = async (page) => (await page.locator('#assessment-decision').innerText()).trim();
const why = async (page) => (await page.locator('#assessment-explanation li').allInnerTexts()).map((s) => s.trim());
const refreshed = async (page) => Number((await panel(page).getAttribute('data-refreshed')) ?? 0);
async function summaryValue(page, key) {
  const row = panel(page).locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) });
  return (await row.first().locator('dd').innerText()).trim();
}

// Waits (bounded by the context's timeout) until the live panel says it goes to `service`.
async function waitForDestination(page, service) {
  await page.locator('#assessment[data-refreshed] #assessment-decision', { hasText: `Goes to ${service}` }).waitFor();
}

async function hasFieldError(page, { anchor, message }) {
  assert.ok((await page.title()).startsWith('Error: '), `title "${await page.title()}" starts with Error:`);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.count(), 1);
  assert.match(await summary.textContent(), message);
  assert.equal(await summary.locator('a').first().getAttribute('href'), `#${anchor}`);
  assert.equal(await byId(page, anchor).count(), 1, `the summary links to #${anchor} on the page`);
  // The inline message sits in the input's form group (a date's is the group of all three inputs).
  const group = page.locator('.govuk-form-group--error', { has: byId(page, anchor) }).last();
  assert.match(await group.locator('.govuk-error-message').first().textContent(), message);
}

const sql = (query) => querySqlite(server, query);
const referralCount = () => Number(sql('SELECT count(*) FROM referrals'));
const storedAs = (reference) => sql(`SELECT channel || '|' || source_organisation_id || '|' || consent_state FROM referrals WHERE reference = '${reference}'`);

const checkWithoutScripts = (seen) => assertAccessibleWithoutScripts(browser, server.url, seen);

describe('entering a referral with JavaScript', () => {
  test('the assessment follows the answers without pressing anything; a mistake, then the reference page', T, async () => {
    const before = referralCount();
    await withPage({}, async (page) => {
      await signIn(page, LOGIN.advisor);
      await openForm(page);
      assert.match(await panel(page).innerText(), /The assessment appears here as you fill in the form/);
      assert.equal(await panel(page).getAttribute('aria-live'), 'polite');
      assert.equal(await panel(page).getAttribute('data-refreshed'), null);
      await assertAccessible(page, 'referral form');

      // Nothing here may reload the page or post the form: only the panel's own requests.
      await page.evaluate(() => { window.stillTheSamePage = true; });
      const requests = [];
      page.on('request', (r) => { if (r.method() === 'POST') requests.push(new URL(r.url()).pathname); });

      // Not enough yet: the panel says what it still needs.
      await page.getByLabel('Name', { exact: true }).fill(PERSON.name);
      await page.locator('#assessment[data-refreshed]', { hasText: 'this needs changing' }).waitFor();
      assert.match(await panel(page).innerText(), /Select where it happened/);

      await fillReferral(page);
      await waitForDestination(page, GENERAL);
      assert.ok((await why(page)).some((line) => line.includes(GENERAL)), JSON.stringify(await why(page)));
      assert.equal(await summaryValue(page, 'Consent'), 'Consented');
      assert.match(await panel(page).locator('details summary').innerText(), /^Rules passed over \(\d+\)$/);

      // Typing is debounced: a burst of keys is one request (or so), after the typing stops.
      const during = requests.length;
      const beforeTyping = await refreshed(page);
      const typed = ' They would like a call back.';
      await byId(page, 'account').pressSequentially(typed, { delay: 15 });
      await page.waitForFunction((n) => Number(document.getElementById('assessment').dataset.refreshed) > n,
        beforeTyping, { timeout: 10_000 });
      assert.ok(requests.length - during < typed.length / 2,
        `${requests.length - during} requests for ${typed.length} keys: the refresh is debounced`);

      // Ticking "Sexual offence" sends it to the ISVA service, and the explanation says why.
      const generalWhy = await why(page);
      const count = await refreshed(page);
      await page.getByLabel('Sexual offence', { exact: true }).check();
      await waitForDestination(page, ISVA);
      assert.ok((await refreshed(page)) > count, 'the panel was refreshed');
      const isvaWhy = await why(page);
      assert.match(isvaWhy[0], /^A sexual offence against an adult/);
      assert.notDeepEqual(isvaWhy, generalWhy, 'the explanation changed');
      assert.match(await summaryValue(page, 'Enhanced rights'), /^Yes:[\s\S]*sexual offence/i);

      // Consent not asked yet: nothing may be shared.
      await page.getByLabel('Not asked yet').check();
      await page.locator('#assessment .govuk-summary-list__value', { hasText: 'Awaiting consent' }).waitFor();
      assert.equal(await summaryValue(page, 'Consent'), 'Awaiting consent. Nothing may be shared with a partner yet');
      await page.getByLabel('Yes, they agreed').check();
      await page.locator('#assessment .govuk-summary-list__value', { hasText: /^Consented$/ }).waitFor();

      assert.equal(pathOf(page), '/staff/referrals/new');
      assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'the page was never reloaded');
      assert.ok(requests.length > 0 && requests.every((p) => p === '/staff/referrals/assess'), JSON.stringify(requests));
      await assertAccessible(page, 'referral form with its live assessment');

      // A mistake: calls marked safe without a safe phone number.
      await byId(page, 'safe_contact.safe_phone').fill('');
      const refused = await press(page, 'Send referral');
      assert.equal(refused.status(), 400);
      assert.equal(referralCount(), before, 'nothing stored');
      await hasFieldError(page, { anchor: 'safe_contact.safe_phone', message: /Enter a safe phone number/ });
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), true,
        'the error summary has the focus');
      assert.equal(await byId(page, 'victim.name').inputValue(), PERSON.name, 'the answers are kept');
      assert.ok(await page.getByLabel('Sexual offence', { exact: true }).isChecked());
      assert.match(await panel(page).innerText(), /this needs changing:[\s\S]*Enter a safe phone number/,
        'the panel says what to change before it can assess');
      await assertAccessible(page, 'referral form with errors');
      await page.locator('.govuk-error-summary a').first().click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'safe_contact.safe_phone', 'the link moves to the input');

      await byId(page, 'safe_contact.safe_phone').fill(PERSON.safePhone);
      const sent = await press(page, 'Send referral');
      assert.equal(sent.status(), 200);
      assert.match(pathOf(page), /^\/staff\/referrals\/MY-\d{4}-\d{6}$/);
      const reference = (await page.locator('#reference').innerText()).trim();
      assert.match(reference, /^MY-\d{4}-\d{6}$/);
      assert.equal(pathOf(page), `/staff/referrals/${reference}`);
      assert.equal((await page.locator('h1').innerText()).trim(), 'Referral sent');
      assert.equal(await decision(page), `Goes to ${ISVA}`);
      assert.match((await why(page))[0], /^A sexual offence against an adult/);
      await assertAccessible(page, 'reference page');
      assert.equal(referralCount(), before + 1);
      assert.equal(storedAs(reference), `phone|${ORG.hub}|consented`);

      await page.getByRole('link', { name: 'Enter another referral' }).click();
      await page.waitForURL(/\/staff\/referrals\/new$/);
      assert.equal(await byId(page, 'victim.name').inputValue(), '', 'a new, empty form');
    }, ignore400);
  });

  test('a partner caseworker is not asked how it came in; the referral is the partner\'s', T, async () => {
    const before = referralCount();
    await withPage({}, async (page) => {
      await signIn(page, LOGIN.partner);
      await openForm(page);
      assert.equal(await page.getByRole('group', { name: 'How did the referral reach you?' }).count(), 0);
      assert.equal(await page.locator('input[name="channel"]').count(), 0);
      await fillReferral(page);
      await page.getByLabel('Sexual offence', { exact: true }).check();
      await waitForDestination(page, ISVA);
      await assertAccessible(page, 'partner caseworker\'s referral form');
      await press(page, 'Send referral');
      const reference = (await page.locator('#reference').innerText()).trim();
      assert.match(reference, /^MY-\d{4}-\d{6}$/);
      assert.equal(storedAs(reference), `partner|${ORG.rasa}|consented`);
    });
    assert.equal(referralCount(), before + 1);
  });
});

describe('entering a referral without JavaScript', () => {
  test('"Update assessment" shows the assessment, then "Send referral" shows the reference', T, async () => {
    const before = referralCount();
    const seen = [];
    const snapshot = async (page, label) => seen.push({ label, url: page.url(), html: await page.content() });
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, LOGIN.advisor);
      await openForm(page);
      assert.match(await panel(page).innerText(), /Without JavaScript, select "Update assessment"/);
      await snapshot(page, 'referral form');

      await fillReferral(page);
      await page.getByLabel('Live chat').check();
      await page.getByLabel('Sexual offence', { exact: true }).check();
      const formId = await page.locator('input[name="form_id"]').inputValue();
      const assessed = await press(page, 'Update assessment');
      assert.equal(assessed.status(), 200);
      assert.equal(pathOf(page), '/staff/referrals/new');
      assert.equal(await decision(page), `Goes to ${ISVA}`);
      assert.match((await why(page))[0], /^A sexual offence against an adult/);
      assert.match(await panel(page).locator('details summary').innerText(), /^Rules passed over \(\d+\)$/);
      assert.equal(await panel(page).getAttribute('data-refreshed'), null, 'no script refreshed the panel');
      assert.equal(await page.locator('input[name="form_id"]').inputValue(), formId, 'the same form');
      assert.equal(await byId(page, 'victim.name').inputValue(), PERSON.name);
      assert.equal(await byId(page, 'account').inputValue(), PERSON.account);
      assert.equal(await byId(page, 'local_authority').inputValue(), 'E08000012');
      assert.ok(await page.getByLabel('Live chat').isChecked());
      assert.ok(await page.getByLabel('Sexual offence', { exact: true }).isChecked());
      assert.equal(referralCount(), before, 'assessing stores nothing');
      await snapshot(page, 'referral form with its assessment');

      // A date of birth that does not exist.
      await byId(page, 'victim.date_of_birth-day').fill('31');
      await byId(page, 'victim.date_of_birth-month').fill('2');
      const refused = await press(page, 'Send referral');
      assert.equal(refused.status(), 400);
      await hasFieldError(page, { anchor: 'victim.date_of_birth-day', message: /Date of birth must be a real date/ });
      assert.equal(referralCount(), before, 'nothing stored');
      await snapshot(page, 'referral form with errors');

      await byId(page, 'victim.date_of_birth-day').fill('14');
      await byId(page, 'victim.date_of_birth-month').fill('3');
      const sent = await press(page, 'Send referral');
      assert.equal(sent.status(), 200);
      const reference = (await page.locator('#reference').innerText()).trim();
      assert.match(reference, /^MY-\d{4}-\d{6}$/);
      assert.equal(pathOf(page), `/staff/referrals/${reference}`);
      assert.equal(await decision(page), `Goes to ${ISVA}`);
      assert.equal(referralCount(), before + 1);
      assert.equal(storedAs(reference), `chat|${ORG.hub}|consented`);
      await snapshot(page, 'reference page');
    }, ignore400);
    await checkWithoutScripts(seen);
  });

  test('a high-risk referral: the MARAC reasons one a line, in words, and first contact "today"', T, async () => {
    const seen = [];
    const snapshot = async (page, label) => seen.push({ label, url: page.url(), html: await page.content() });
    const reasons = async (page) => (await page.locator('#marac-reasons li').allInnerTexts()).map((t) => t.trim());
    const want = ['Professional judgement: raised the risk from standard to high', '3 police call-outs in the last 12 months'];
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, LOGIN.advisor);
      await openForm(page);
      await fillReferral(page);
      await byId(page, 'risk_history.police_callouts_last_12_months').fill('3');
      await byId(page, 'risk_history.professional_judgement').selectOption('high');
      await byId(page, 'risk_history.judgement_reason').fill('Invented: threats were repeated.');
      assert.equal((await press(page, 'Update assessment')).status(), 200);
      assert.deepEqual(await reasons(page), want);
      assert.match(await summaryValue(page, 'First contact'), /\(today\)$/);
      await snapshot(page, 'referral form with MARAC reasons');
      assert.equal((await press(page, 'Send referral')).status(), 200);
      assert.match(pathOf(page), /^\/staff\/referrals\/MY-\d{4}-\d{6}$/);
      assert.deepEqual(await reasons(page), want);
      const firstContact = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: 'First contact' }) });
      assert.match((await firstContact.locator('dd').innerText()).trim(), /\(today\)$/);
      await snapshot(page, 'reference page with MARAC reasons');
    });
    await checkWithoutScripts(seen);
  });
});
