// The public self-referral journey in real Chromium: a person's request without JavaScript and a
// business's with it, every page checked with axe-core and for Exit this page; changing an answer
// from check your answers; "not safe to contact"; the anonymous advice route (nothing stored, no
// cookie); and the journey's pages at 320 px. Exit this page leaving the journey, and what it
// leaves behind: exit_this_page.test.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { querySqlite, startServer } from '../support/server.mjs';
import { storedDocument } from '../support/sealed_text.mjs';
import {
  EXIT_HREF, assertAccessible, assertAccessibleWithoutScripts, assertNoHorizontalOverflow, launchBrowser,
  withPage as withPageIn,
} from './browser.mjs';

const T = { timeout: 180_000 };
let server;
let browser;

// Invented people only. 0161 496 0000 is an Ofcom drama number; example.com is reserved.
const PERSON = { name: 'Robin Testperson', phone: '0161 496 0000', email: 'robin.testperson@example.com' };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, { timeout: 300_000 });

after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (query) => querySqlite(server, query);
const count = (table, where = '1') => Number(sql(`SELECT count(*) FROM ${table} WHERE ${where}`));

const withPage = (options, fn, check) => withPageIn(browser, server.url, options, fn, check);

const ignore400 = { ignoreConsole: /status of 400/ };



// Presses a form's button and waits for the page that comes back (after any redirect).
async function press(page, name = 'Continue') {
  const button = page.getByRole('button', { name, exact: true });
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return response;
}

async function assertExitThisPage(page, label) {
  const button = page.locator('.govuk-exit-this-page .govuk-exit-this-page__button');
  assert.equal(await button.count(), 1, `${label} has Exit this page`);
  assert.equal(await button.getAttribute('href'), EXIT_HREF, `${label}: Exit this page goes through the exit endpoint`);
}

const pathOf = (page) => new URL(page.url()).pathname;

// Every page visited: Exit this page is checked at once; axe-core runs at once with JavaScript,
// and afterwards for no-JS pages (see checkWithoutScripts).
function visitor(page, { javaScript }) {
  const seen = [];
  return {
    seen,
    async visit(label) {
      await assertExitThisPage(page, label);
      if (javaScript) await assertAccessible(page, label);
      else seen.push({ label, url: page.url(), html: await page.content() });
    },
  };
}

const checkWithoutScripts = (seen) => assertAccessibleWithoutScripts(browser, server.url, seen);

async function checkAnswers(page) {
  const rows = await page.locator('.govuk-summary-list__row').evaluateAll((els) => els.map((el) => [
    el.querySelector('.govuk-summary-list__key').textContent.trim(),
    el.querySelector('.govuk-summary-list__value').innerText.trim(),
  ]));
  return Object.fromEntries(rows);
}

async function hasVisibleError(page, { anchor, message }) {
  assert.ok((await page.title()).startsWith('Error: '), `title "${await page.title()}" starts with Error:`);
  const summary = page.locator('.govuk-error-summary');
  assert.equal(await summary.count(), 1);
  assert.match(await summary.textContent(), message);
  assert.equal(await summary.locator('a').first().getAttribute('href'), `#${anchor}`);
  assert.equal(await page.locator(`#${anchor}`).count(), 1, `the summary links to #${anchor} on the page`);
  assert.match(await page.locator('.govuk-error-message').first().textContent(), message);
}

const reference = async (page) => (await page.locator('#reference').textContent()).trim();

// The confirmation says how the contact will come (only the safe ways chosen, at the safe times
// if given) and what to do meanwhile (999, 101, the area's own line, the national Support Line),
// and nothing that names what happened or a specialist service, nor the contact details typed.
async function assertConfirmationSaysHowAndWhatMeanwhile(page, { ways, times, helpline }) {
  const response = await page.request.get(page.url());
  assert.equal(response.headers()['cache-control'], 'no-store');
  assert.equal(await page.title(), 'Request sent – Ask for support – Find support after a crime');
  const how = page.locator('#how-we-will-contact-you');
  assert.deepEqual(await how.locator('li').allTextContents(), ways, 'only the ways the victim said are safe');
  assert.equal(/only call or text at the times you told us/.test(await how.innerText()), times);
  const main = await page.locator('main').innerText();
  assert.match(main, /If you are in danger now, call 999/);
  assert.match(main, /call 101/);
  assert.match(await page.locator('#area-helpline').innerText(), helpline);
  assert.match(await page.locator('#support-line').innerText(), /08 08 16 89 111/);
  const line = page.locator('#area-helpline a');
  assert.equal(await line.getAttribute('href'), `tel:${(await line.textContent()).replace(/\D/g, '')}`, 'the number can be tapped');
  for (const word of [/hate/i, /burglar/i, /sexual/i, /domestic/i, /abuse/i, /ISVA/, /IDVA/, PERSON.phone, PERSON.email]) {
    assert.ok(!(typeof word === 'string' ? main.includes(word) : word.test(main)), `the confirmation does not say ${word}`);
  }
}

describe('asking for support without JavaScript', () => {
  test('a person in Merseyside asks for support after a hate crime: every page accessible, a reference at the end', T, async () => {
    const earlier = count('referrals', "channel = 'self'");
    let seen;
    await withPage({ javaScriptEnabled: false }, async (page, context) => {
      const v = visitor(page, { javaScript: false });
      seen = v.seen;
      await page.goto(`${server.url}/refer`);
      assert.ok((await page.title()).startsWith('Ask for support after a crime'));
      await v.visit('start page');
      assert.equal((await context.cookies()).length, 0, 'reading the start page sets no cookie');
      await press(page, 'Start now');
      assert.equal(pathOf(page), '/refer/safe-to-contact');
      const cookie = (await context.cookies()).find((c) => c.name === 'vg_refer');
      assert.ok(cookie, 'starting sets the draft cookie');
      assert.equal(cookie.path, '/refer');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.expires, -1, 'a session cookie');

      // Continue with nothing chosen: the GOV.UK error summary and an inline message.
      await v.visit('is it safe to contact you');
      const empty = await press(page);
      assert.equal(empty.status(), 400);
      await hasVisibleError(page, { anchor: 'safe_to_contact', message: /Select yes if it is safe for us to contact you/ });
      await v.visit('is it safe to contact you, with an error');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/contact');
      assert.ok(await page.locator('#phone').isVisible(), 'without JavaScript every revealed input shows');
      assert.ok(await page.locator('#email').isVisible());
      await v.visit('how can we contact you');
      await page.getByLabel('Phone call', { exact: true }).check();
      await page.locator('#phone').fill(PERSON.phone);
      await press(page);

      assert.equal(pathOf(page), '/refer/voicemail');
      await v.visit('voicemail');
      await page.getByLabel('No', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/say-who-we-are');
      await v.visit('say who we are');
      await page.getByLabel('No', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/contact-times');
      await v.visit('safe times');
      await page.getByLabel('When is it safe to contact you? (optional)').fill('Weekdays between 10am and 2pm');
      await press(page);

      assert.equal(pathOf(page), '/refer/who');
      await v.visit('who was it against');
      await page.getByLabel('Me', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/name', 'a person is not asked for a business name');
      await v.visit('name');
      await page.getByLabel('What is your name?').fill(PERSON.name);
      await press(page);

      assert.equal(pathOf(page), '/refer/date-of-birth');
      await v.visit('date of birth');
      await page.getByLabel('Day').fill('14');
      await page.getByLabel('Month').fill('3');
      await page.getByLabel('Year').fill('1990');
      await press(page);

      assert.equal(pathOf(page), '/refer/what-happened');
      await v.visit('what happened');
      await page.getByLabel('Hate crime or a hate incident', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/hate');
      // The question is the heading; the title (kept in history and tab lists) says nothing of it.
      assert.equal(await page.title(), 'Ask for support – Find support after a crime');
      await v.visit('why were you targeted');
      await page.getByLabel('Race, ethnicity or nationality', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/where');
      await v.visit('where did it happen');
      await page.getByLabel('Where did it happen?').selectOption('E08000012');
      await press(page);

      assert.equal(pathOf(page), '/refer/police');
      assert.ok(await page.locator('#crime_reference').isVisible());
      await v.visit('reported to the police');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/when');
      await v.visit('when did it happen');
      await press(page);

      assert.equal(pathOf(page), '/refer/support');
      await v.visit('what would help');
      await page.getByLabel('An interpreter', { exact: true }).check();
      await page.getByLabel('Which language?').fill('Polish');
      await press(page);

      assert.equal(pathOf(page), '/refer/account');
      await v.visit('tell us what happened');
      await page.getByLabel('Tell us what happened (optional)').fill('Someone shouted at me in the street because of where I am from.');
      await press(page);

      assert.equal(pathOf(page), '/refer/consent');
      await v.visit('consent');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/check');
      assert.equal(await page.locator('h1').textContent(), 'Check your answers before sending your request');
      const answers = await checkAnswers(page);
      assert.equal(answers['Safe to contact you'], 'Yes');
      assert.equal(answers['Safe ways to contact you'], `Phone call: ${PERSON.phone}`);
      assert.equal(answers.Name, PERSON.name);
      assert.equal(answers['Date of birth'], '14 March 1990');
      assert.equal(answers['Targeted because of'], 'Race, ethnicity or nationality');
      assert.equal(answers['Where it happened'], 'Liverpool');
      assert.equal(answers['Reported to the police'], 'Yes');
      assert.equal(answers['When it happened'], 'Not given');
      assert.equal(answers['What would help'], 'An interpreter: Polish');
      assert.equal(answers['Share your details'], 'Yes');
      assert.equal(answers['Business or organisation'], undefined);
      assert.equal(await page.locator('a[href="/refer/name?change=1"]').count(), 1);
      await v.visit('check your answers');
      await press(page, 'Send request');

      assert.equal(pathOf(page), '/refer/confirmation');
      assert.equal(await page.locator('.govuk-panel--confirmation .govuk-panel__title').textContent(), 'Request sent');
      assert.equal(await page.title(), 'Request sent – Ask for support – Find support after a crime');
      const ref = await reference(page);
      assert.match(ref, /^MY-\d{4}-\d{6}$/);
      assert.match(await page.locator('main').innerText(),
        /contact you by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}/);
      await assertConfirmationSaysHowAndWhatMeanwhile(page, {
        ways: ['phone call'], times: true, helpline: /Victim Care Merseyside – Victim Support on 0151 496 \d{4}/,
      });
      await v.visit('confirmation');
      assert.equal(count('referrals', `reference = '${ref}' AND channel = 'self'`), 1);

      // A refresh, or Back and Send again, does not send it twice.
      await page.reload();
      assert.equal(await reference(page), ref);
      await page.goto(`${server.url}/refer/check`);
      assert.equal(pathOf(page), '/refer/confirmation');
      assert.equal(await reference(page), ref);
    }, ignore400);
    assert.equal(count('referrals', "channel = 'self'"), earlier + 1);
    assert.equal(seen.length, 20, 'start, the error page, 16 questions, check answers, confirmation');
    await checkWithoutScripts(seen);
  });

  test('"Is it safe for us to contact you?" No ends the journey, deletes the draft and the cookie', T, async () => {
    let seen;
    await withPage({ javaScriptEnabled: false }, async (page, context) => {
      const v = visitor(page, { javaScript: false });
      seen = v.seen;
      await page.goto(`${server.url}/refer`);
      await press(page, 'Start now');
      assert.ok((await context.cookies()).some((c) => c.name === 'vg_refer'));
      const drafts = count('form_drafts');
      await page.getByLabel('No', { exact: true }).check();
      await press(page);
      assert.equal(pathOf(page), '/refer/not-safe');
      assert.equal(await page.locator('h1').textContent(), 'We will not contact you');
      assert.match(await page.locator('main').textContent(), /We have deleted your answers/);
      await v.visit('not safe to contact');
      assert.deepEqual((await context.cookies()).filter((c) => c.name === 'vg_refer'), [], 'the cookie is gone');
      assert.equal(count('form_drafts'), drafts - 1, 'the draft is deleted');
      // Going back into the journey finds nothing to continue.
      await page.goto(`${server.url}/refer/contact`);
      assert.equal(pathOf(page), '/refer');
      assert.match(page.url(), /expired=1/);
      assert.match(await page.locator('.govuk-notification-banner').textContent(), /Your answers were deleted/);
      await v.visit('start page after the answers were deleted');
    });
    await checkWithoutScripts(seen);
  });
});

describe('asking for support with JavaScript', () => {
  test('a business in Tamworth asks for support after a burglary, and changes an answer on check your answers', T, async () => {
    const earlier = count('referrals', "channel = 'self'");
    await withPage({}, async (page) => {
      const v = visitor(page, { javaScript: true });
      await page.goto(`${server.url}/refer`);
      await v.visit('start page');
      await press(page, 'Start now');

      assert.equal(pathOf(page), '/refer/safe-to-contact');
      await page.waitForSelector('body.govuk-frontend-supported');
      await v.visit('is it safe to contact you');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      // GOV.UK Frontend folds the revealed inputs away until their box is ticked.
      assert.equal(pathOf(page), '/refer/contact');
      await page.waitForSelector('body.govuk-frontend-supported');
      assert.equal(await page.locator('#phone').isVisible(), false, 'the phone number is hidden before "Phone call" is ticked');
      assert.equal(await page.locator('#email').isVisible(), false);
      assert.equal(await page.locator('#contact_methods').getAttribute('aria-expanded'), 'false');
      await v.visit('how can we contact you');
      await page.getByLabel('Phone call', { exact: true }).check();
      await page.locator('#phone').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#contact_methods').getAttribute('aria-expanded'), 'true');
      assert.equal(await page.locator('#email').isVisible(), false, 'only the ticked box reveals its input');
      await page.getByLabel('Email', { exact: true }).check();
      await page.locator('#email').waitFor({ state: 'visible' });
      await v.visit('how can we contact you, revealed');
      // A bad email address gets an error, with what was typed kept.
      await page.locator('#phone').fill(PERSON.phone);
      await page.locator('#email').fill('robin.testperson@');
      assert.equal((await press(page)).status(), 400);
      await hasVisibleError(page, { anchor: 'email', message: /Enter an email address in the correct format/ });
      assert.ok(await page.locator('#email').isVisible(), 'a ticked box with an error stays open');
      assert.equal(await page.locator('#email').inputValue(), 'robin.testperson@');
      await v.visit('how can we contact you, with an error');
      await page.locator('#email').fill(PERSON.email);
      await press(page);

      assert.equal(pathOf(page), '/refer/voicemail');
      await v.visit('voicemail');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/say-who-we-are');
      await v.visit('say who we are');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/contact-times');
      await v.visit('safe times');
      await press(page);

      assert.equal(pathOf(page), '/refer/who');
      await v.visit('who was it against');
      await page.getByLabel('A business or organisation', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/business-name');
      await v.visit('business name');
      await page.getByLabel('What is the name of the business or organisation?').fill('Invented Widgets Ltd');
      await press(page);

      assert.equal(pathOf(page), '/refer/name');
      await v.visit('name');
      await page.getByLabel('What is your name?').fill(PERSON.name);
      await press(page);

      assert.equal(pathOf(page), '/refer/what-happened', 'a business is not asked for a date of birth');
      await v.visit('what happened');
      await page.getByLabel('Burglary', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/where', 'no hate crime question for a burglary');
      await v.visit('where did it happen');
      await page.getByLabel('Where did it happen?').selectOption({ label: 'Tamworth' });
      await press(page);

      assert.equal(pathOf(page), '/refer/police');
      await page.waitForSelector('body.govuk-frontend-supported');
      assert.equal(await page.locator('#crime_reference').isVisible(), false, 'the crime reference is hidden until Yes');
      await v.visit('reported to the police');
      await page.getByLabel('No', { exact: true }).check();
      assert.equal(await page.locator('#crime_reference').isVisible(), false);
      await press(page);

      assert.equal(pathOf(page), '/refer/when');
      await v.visit('when did it happen');
      await page.getByLabel('Day').fill('2');
      await page.getByLabel('Month').fill('11');
      await page.getByLabel('Year').fill('2025');
      await press(page);

      assert.equal(pathOf(page), '/refer/support');
      await v.visit('what would help');
      await page.getByLabel('No, nothing', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/account');
      await page.waitForSelector('body.govuk-frontend-supported');
      await page.getByLabel('Tell us what happened (optional)').fill('The shop window was broken overnight and stock was taken.');
      await v.visit('tell us what happened');
      await press(page);

      assert.equal(pathOf(page), '/refer/consent');
      await v.visit('consent');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);

      assert.equal(pathOf(page), '/refer/check');
      let answers = await checkAnswers(page);
      assert.equal(answers['Who it was against'], 'A business or organisation');
      assert.equal(answers['Business or organisation'], 'Invented Widgets Ltd');
      assert.equal(answers['What happened'], 'Burglary');
      assert.equal(answers['Where it happened'], 'Tamworth');
      assert.equal(answers['When it happened'], '2 November 2025');
      assert.equal(answers['Date of birth'], undefined);
      await v.visit('check your answers');

      // Change the business's name, save, and come back to check your answers.
      await Promise.all([page.waitForURL(/\/refer\/business-name\?change=1$/),
        page.getByRole('link', { name: 'Change business or organisation' }).click()]);
      assert.equal(await page.getByLabel('What is the name of the business or organisation?').inputValue(), 'Invented Widgets Ltd');
      assert.equal(await page.locator('.govuk-back-link').getAttribute('href'), '/refer/check');
      await v.visit('changing the business name');
      await page.getByLabel('What is the name of the business or organisation?').fill('Invented Gadgets Cooperative');
      await press(page, 'Save and go back to check your answers');
      assert.equal(pathOf(page), '/refer/check');
      answers = await checkAnswers(page);
      assert.equal(answers['Business or organisation'], 'Invented Gadgets Cooperative');
      assert.equal(answers.Name, PERSON.name, 'other answers are kept');
      await v.visit('check your answers after a change');

      await press(page, 'Send request');
      assert.equal(pathOf(page), '/refer/confirmation');
      const ref = await reference(page);
      assert.match(ref, /^ST-\d{4}-\d{6}$/);
      assert.match(await page.locator('main').innerText(), /contact you by [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}/);
      await assertConfirmationSaysHowAndWhatMeanwhile(page, {
        ways: ['phone call', 'email'], times: false, helpline: /Staffordshire Victim Gateway on 01632 \d{6}/,
      });
      await v.visit('confirmation');
      const where = `FROM referrals WHERE reference = '${ref}' AND channel = 'self'`;
      const stored = storedDocument(sql(`SELECT document ${where}`), sql(`SELECT document_key_id ${where}`));
      assert.ok(stored.includes('Invented Gadgets Cooperative'), 'the changed answer is what was sent');
      assert.ok(!stored.includes('Invented Widgets Ltd'));
    }, ignore400);
    assert.equal(count('referrals', "channel = 'self'"), earlier + 1);
  });
});

describe('advice without giving your details', () => {
  async function askForAdvice(page, { what, where }) {
    await page.goto(`${server.url}/refer/advice`);
    await page.getByLabel(what, { exact: true }).check();
    await page.getByLabel('Where did it happen? (optional)').selectOption({ label: where });
    // A POST form: the answer comes back on /refer/advice itself, with nothing in the address.
    await Promise.all([page.waitForURL(/\/refer\/advice$/), page.waitForEvent('load'),
      page.getByRole('button', { name: 'Show advice and services' }).click()]);
  }

  // Nothing a person chose shows in the address bar, the history or the tab title.
  async function assertNothingInHistory(page, words) {
    const history = await page.evaluate(() => ({ url: location.href, length: history.length, title: document.title }));
    for (const word of words) {
      assert.ok(!history.url.toLowerCase().includes(word), `the address ${history.url} does not hold ${word}`);
      assert.ok(!history.title.toLowerCase().includes(word), `the title "${history.title}" does not hold ${word}`);
    }
  }

  async function assertAdvice(page, { kind, place }) {
    assert.equal(await page.locator('h1').textContent(), `Advice and support: ${kind}`);
    assert.match(await page.locator('main').textContent(), new RegExp(`Services that can help in ${place}`));
    const services = page.locator('main .govuk-list h3 a');
    assert.ok((await services.count()) >= 1, 'at least one service is listed');
    assert.ok((await services.first().textContent()).trim().length > 0);
  }

  test('with and without JavaScript: advice and services for a kind of crime and a place, nothing stored, no cookie', T, async () => {
    const drafts = count('form_drafts');
    const referrals = count('referrals');
    const hits = sql('SELECT coalesce(sum(hits), 0) FROM rate_limit_hits');
    const visited = [];
    await withPage({ javaScriptEnabled: false }, async (page, context) => {
      await page.goto(`${server.url}/refer`);
      await Promise.all([page.waitForURL(/\/refer\/advice$/),
        page.getByRole('link', { name: 'Get advice and find services without giving your details' }).click()]);
      await assertExitThisPage(page, 'advice form');
      visited.push(page.url());
      await askForAdvice(page, { what: 'Burglary', where: 'Tamworth' });
      assert.equal(new URL(page.url()).search, '', 'no query string');
      await assertAdvice(page, { kind: 'Burglary', place: 'Tamworth' });
      await assertNothingInHistory(page, ['burglary', 'e07000199', 'tamworth']);
      await assertExitThisPage(page, 'advice');
      visited.push(page.url());
      assert.deepEqual(await context.cookies(), [], 'no cookie at all');
    });
    await withPage({}, async (page, context) => {
      await page.goto(`${server.url}/refer/advice`);
      await assertAccessible(page, 'advice form');
      await askForAdvice(page, { what: 'Hate crime or a hate incident', where: 'Liverpool' });
      await assertAdvice(page, { kind: 'Hate crime or a hate incident', place: 'Liverpool' });
      await assertNothingInHistory(page, ['hate', 'e08000012', 'liverpool']);
      // Every address the browser kept for this tab: only the form's, never the choice.
      const entries = await page.evaluate(() => performance.getEntriesByType('navigation').map((e) => e.name));
      for (const entry of entries) assert.doesNotMatch(entry, /what=|hate/);
      await assertExitThisPage(page, 'advice with JavaScript');
      await assertAccessible(page, 'advice with JavaScript');
      // Asking without choosing what happened: an error, linked to the first radio.
      await page.goto(`${server.url}/refer/advice`);
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Show advice and services' }).click()]);
      await hasVisibleError(page, { anchor: 'what', message: /Select what happened/ });
      await assertAccessible(page, 'advice with an error');
      assert.deepEqual(await context.cookies(), [], 'no cookie at all');
    }, ignore400);
    await withPage({}, async (page, context) => {
      await context.route(/\.js(\?|$)/, (route) => route.abort());
      for (const url of visited) {
        await page.goto(url);
        await assertAccessible(page, `without scripts: ${url}`);
      }
    }, { ignoreConsole: /Failed to load resource/ });
    assert.equal(count('form_drafts'), drafts, 'no draft was made');
    assert.equal(count('referrals'), referrals, 'no referral was made');
    assert.equal(sql('SELECT coalesce(sum(hits), 0) FROM rate_limit_hits'), hits, 'not even counted');
  });
});

describe('a 320 px wide phone', () => {
  test('nothing on the journey scrolls sideways', T, async () => {
    await withPage({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
      const visit = async (label) => {
        await assertNoHorizontalOverflow(page, label);
        const png = await page.screenshot({ fullPage: true });
        assert.equal(png.readUInt32BE(16), 320, `${label} screenshot is wider than the screen`);
      };
      await page.goto(`${server.url}/refer`);
      await visit('start page');
      await press(page, 'Start now');
      await press(page);
      await visit('an error on the first question');
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);
      for (const box of ['Phone call', 'Text message', 'Email', 'Letter']) await page.getByLabel(box, { exact: true }).check();
      await page.locator('#address').waitFor({ state: 'visible' });
      await visit('how can we contact you, every input revealed');
      await press(page);
      await visit('how can we contact you, every input with an error');
      await page.locator('#phone').fill(PERSON.phone);
      await page.locator('#mobile').fill('07700 900982');
      await page.locator('#email').fill(PERSON.email);
      await page.locator('#address').fill('1 Invented Street\nLiverpool\nL1 8JQ');
      await press(page);
      for (const [label, choice] of [['voicemail', 'No'], ['say who we are', 'No']]) {
        await visit(label);
        await page.getByLabel(choice, { exact: true }).check();
        await press(page);
      }
      await press(page);  // safe times: optional
      await page.getByLabel('Me', { exact: true }).check();
      await press(page);
      await page.getByLabel('What is your name?').fill(PERSON.name);
      await press(page);
      await visit('date of birth');
      await page.getByLabel('Day').fill('14');
      await page.getByLabel('Month').fill('3');
      await page.getByLabel('Year').fill('1990');
      await press(page);
      await visit('what happened');
      await page.getByLabel('Theft', { exact: true }).check();
      await press(page);
      assert.equal(pathOf(page), '/refer/where');
      await visit('where did it happen');
      await page.getByLabel('Where did it happen?').selectOption({ label: 'Newcastle-under-Lyme' });
      await press(page);
      await page.getByLabel('Yes', { exact: true }).check();
      await page.locator('#crime_reference').fill('CR/2025/0001234/INVENTED');
      await visit('reported to the police, reference revealed');
      await press(page);
      await press(page);  // when: optional
      await page.getByLabel('An interpreter', { exact: true }).check();
      await page.getByLabel('Which language?').fill('Polish');
      await visit('what would help');
      await press(page);
      await page.getByLabel('Tell us what happened (optional)').fill(`${'A long word: Pneumonoultramicroscopicsilicovolcanoconiosis. '.repeat(10)}`);
      await visit('tell us what happened');
      await press(page);
      await page.getByLabel('Yes', { exact: true }).check();
      await press(page);
      assert.equal(pathOf(page), '/refer/check');
      await visit('check your answers');
      await assertAccessible(page, 'check your answers at 320 px');
    }, ignore400);
  });
});
