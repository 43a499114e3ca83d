// The public self-referral journey's protections over plain HTTP against a real server and
// database: the honeypot, the per-address limits on drafts and on requests sent, a double submit,
// expired or made-up drafts, bad answers (400 with field messages, the draft left as it was),
// drafts sealed in the database, and logs that never hold what a victim typed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { logsCaughtUp, querySqlite, sqliteFile, startServer } from '../../support/server.mjs';
import { errorSummaryLinks, formBody } from '../../support/html.mjs';

// Invented people only. 0161 496 0000 is an Ofcom drama number; example.com is reserved.
const PERSON = {
  name: 'Robin Testperson',
  phone: '0161 496 0000',
  email: 'robin.testperson@example.com',
  account: 'Someone shouted at me outside the invented Quillfeather Bakery on a Tuesday.',
};

// Answers for every page a person in Liverpool reporting a hate crime is asked, by page.
function personAnswers(overrides = {}) {
  return {
    'safe-to-contact': { safe_to_contact: 'yes' },
    contact: { contact_methods: ['call', 'email'], phone: PERSON.phone, email: PERSON.email },
    voicemail: { voicemail: 'no' },
    'say-who-we-are': { say_who_we_are: 'no' },
    'contact-times': { contact_times: 'Weekdays between 10am and 2pm' },
    who: { victim_type: 'person' },
    name: { name: PERSON.name },
    'date-of-birth': { 'date_of_birth-day': '14', 'date_of_birth-month': '3', 'date_of_birth-year': '1990' },
    'what-happened': { what_happened: 'hate' },
    hate: { hate_strands: ['race'] },
    where: { local_authority: 'E08000012' },
    police: { reported: 'no' },
    when: { 'incident_date-day': '1', 'incident_date-month': '10', 'incident_date-year': '2025' },
    support: { support_needs: ['none'] },
    account: { account: PERSON.account },
    consent: { consent: 'yes' },
    ...overrides,
  };
}

// One person's browser: remembers the vg_refer cookie the way a browser would (Path=/refer).
class Caller {
  constructor(server, cookie = null) {
    this.server = server;
    this.cookie = cookie;
  }

  async request(method, path, fields) {
    const headers = {};
    if (this.cookie !== null && path.startsWith('/refer')) headers.cookie = `vg_refer=${this.cookie}`;
    if (fields) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.server.url + path, {
      method, headers, redirect: 'manual', body: fields ? formBody(fields) : undefined,
    });
    const text = await res.text();
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const m = c.match(/^vg_refer=([^;]*)/);
      if (!m) continue;
      this.cookie = /Max-Age=0/i.test(c) || m[1] === '' ? null : m[1];
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text, setCookies };
  }

  get(path) { return this.request('GET', path); }

  post(path, fields = {}) { return this.request('POST', path, fields); }

  async start() {
    const r = await this.post('/refer/start', { website: '' });
    assert.equal(r.status, 303, r.text);
    assert.equal(r.location, '/refer/safe-to-contact');
    assert.ok(this.cookie, 'starting sets the vg_refer cookie');
    return r;
  }

  // Starts a draft and answers page after page, following the server's redirects, until it
  // reaches check your answers. Returns the pages visited.
  async answerAll(answers = personAnswers()) {
    await this.start();
    let next = '/refer/safe-to-contact';
    const visited = [];
    for (let i = 0; i < 30 && next !== '/refer/check'; i += 1) {
      const slug = next.replace('/refer/', '');
      assert.ok(answers[slug], `the test has an answer for ${next}`);
      const page = await this.get(next);
      assert.equal(page.status, 200, `GET ${next}`);
      const r = await this.post(next, answers[slug]);
      assert.equal(r.status, 303, `POST ${next}: ${r.text.slice(0, 2000)}`);
      visited.push(slug);
      next = r.location;
    }
    assert.equal(next, '/refer/check');
    return visited;
  }
}

const dbPath = sqliteFile;
const sql = querySqlite;

const count = (server, table, where = '1') => Number(sql(server, `SELECT count(*) FROM ${table} WHERE ${where}`));
const selfReferrals = (server) => count(server, 'referrals', "channel = 'self'");

// The per-hour limits count in clock-hour windows: a limit test's server starts its clock five
// minutes into the next hour (clock_start), so the test runs inside one window without waiting.
const insideAnHour = () => new Date((Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000 + 5 * 60_000)
  .toISOString().replace(/\.\d{3}Z$/, 'Z');

function assertQuestionError(r, { anchor, message }) {
  assert.equal(r.status, 400, r.text.slice(0, 500));
  assert.match(r.text, /<title>Error: /);
  const links = errorSummaryLinks(r.text);
  assert.ok(links.some((l) => l.anchor === anchor && message.test(l.message)),
    `the summary links #${anchor} saying ${message}: ${JSON.stringify(links)}`);
  assert.match(r.text, /class="govuk-error-message"/);
  assert.ok(r.text.includes(`id="${anchor}"`), `#${anchor} is on the page`);
}

const inputValue = (html, id) => html.match(new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`))?.[1];
const isChecked = (html, id) => new RegExp(`<input[^>]*id="${id}"[^>]*\\schecked[\\s>]`).test(html);

describe('self-referral journey over HTTP', () => {
  let server;
  before(async () => {
    // Debug logging, so the check that logs hold no answers sees everything the server says.
    // The per-address limits are tested on servers of their own (below); here they are out of
    // the way, as every request comes from 127.0.0.1.
    server = await startServer({
      env: { VG_LOG_LEVEL: 'debug', VG_SELF_REFERRAL_DRAFTS_PER_HOUR: '1000', VG_SELF_REFERRALS_PER_HOUR: '1000' },
    });
  }, { timeout: 300_000 });
  after(async () => { await server?.stop(); });

  test('the start page and a full journey: cookie attributes, check answers, confirmation with a reference', async () => {
    const start = await fetch(`${server.url}/refer`);
    assert.equal(start.status, 200);
    const html = await start.text();
    assert.match(html, /<form method="post" action="\/refer\/start"/);
    assert.match(html, /name="website"/);
    assert.equal(start.headers.getSetCookie().length, 0, 'looking at the start page sets no cookie');

    const caller = new Caller(server);
    const first = await caller.start();
    const cookie = first.setCookies.find((c) => c.startsWith('vg_refer='));
    assert.match(cookie, /^vg_refer=[0-9a-f]{64}; /);
    assert.match(cookie, /; Path=\/refer(;|$)/);
    assert.match(cookie, /; HttpOnly(;|$)/);
    assert.match(cookie, /; SameSite=Lax(;|$)/);
    assert.doesNotMatch(cookie, /Max-Age|Expires/i, 'the cookie ends with the browser session');

    const earlier = selfReferrals(server);
    caller.cookie = null;
    const visited = await caller.answerAll();
    assert.deepEqual(visited, ['safe-to-contact', 'contact', 'voicemail', 'say-who-we-are', 'contact-times', 'who',
      'name', 'date-of-birth', 'what-happened', 'hate', 'where', 'police', 'when', 'support', 'account', 'consent']);
    const check = await caller.get('/refer/check');
    assert.equal(check.status, 200);
    for (const shown of [PERSON.name, '14 March 1990', 'Race, ethnicity or nationality', 'Liverpool', '1 October 2025']) {
      assert.ok(check.text.includes(shown), `check your answers shows ${shown}`);
    }
    assert.match(check.text, /href="\/refer\/name\?change=1"/);
    const sent = await caller.post('/refer/check', { website: '' });
    assert.equal(sent.status, 303, sent.text.slice(0, 2000));
    assert.equal(sent.location, '/refer/confirmation');
    const done = await caller.get('/refer/confirmation');
    assert.equal(done.status, 200);
    const reference = done.text.match(/<strong id="reference">([^<]+)<\/strong>/)?.[1];
    assert.match(reference, /^MY-\d{4}-\d{6}$/);
    assert.match(done.text, /contact you by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}/);
    assert.equal(selfReferrals(server), earlier + 1);
    assert.equal(count(server, 'referrals', `reference = '${reference}' AND channel = 'self'`), 1);
  });

  test('the honeypot on /refer/start: 400, no cookie, no draft', async () => {
    const drafts = count(server, 'form_drafts');
    const hits = sql(server, 'SELECT coalesce(sum(hits), 0) FROM rate_limit_hits');
    const caller = new Caller(server);
    const r = await caller.post('/refer/start', { website: 'https://spam.example.com' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Your request could not be sent/);
    assert.equal(r.setCookies.filter((c) => c.startsWith('vg_refer=')).length, 0);
    assert.equal(caller.cookie, null);
    assert.equal(count(server, 'form_drafts'), drafts);
    assert.equal(sql(server, 'SELECT coalesce(sum(hits), 0) FROM rate_limit_hits'), hits, 'not even a rate-limit hit');
  });

  test('the honeypot on /refer/check: 400, no referral, the answers are kept', async () => {
    const caller = new Caller(server);
    await caller.answerAll();
    const earlier = selfReferrals(server);
    const r = await caller.post('/refer/check', { website: 'https://spam.example.com' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Your request could not be sent/);
    assert.equal(selfReferrals(server), earlier);
    const check = await caller.get('/refer/check');
    assert.equal(check.status, 200);
    assert.ok(check.text.includes(PERSON.name));
    const confirmation = await caller.get('/refer/confirmation');
    assert.equal(confirmation.status, 303, 'there is nothing to confirm');
    assert.equal(confirmation.location, '/refer?expired=1');
  });

  test('a double submit stores one referral, and both answers lead to the confirmation', async () => {
    const caller = new Caller(server);
    await caller.answerAll();
    const earlier = selfReferrals(server);
    const first = await caller.post('/refer/check', { website: '' });
    const second = await caller.post('/refer/check', { website: '' });
    assert.deepEqual([first.status, first.location], [303, '/refer/confirmation']);
    assert.deepEqual([second.status, second.location], [303, '/refer/confirmation']);
    assert.equal(selfReferrals(server), earlier + 1);
    const one = await caller.get('/refer/confirmation');
    const again = await caller.get('/refer/confirmation');
    assert.equal(one.status, 200);
    const reference = one.text.match(/<strong id="reference">([^<]+)<\/strong>/)?.[1];
    assert.match(reference, /^MY-\d{4}-\d{6}$/);
    assert.ok(again.text.includes(reference), 'a refresh shows the same reference');
    // Once sent, the question pages and check answers lead to the confirmation, not a new request.
    for (const p of ['/refer/check', '/refer/name']) {
      const r = await caller.get(p);
      assert.deepEqual([r.status, r.location], [303, '/refer/confirmation'], p);
    }
    const changed = await caller.post('/refer/name', { name: 'Someone Else Invented' });
    assert.deepEqual([changed.status, changed.location], [303, '/refer/confirmation']);
    assert.equal(selfReferrals(server), earlier + 1);
  });

  test('two clicks at once on Send request store one referral', async () => {
    const caller = new Caller(server);
    await caller.answerAll();
    const earlier = selfReferrals(server);
    const both = await Promise.all([caller.post('/refer/check', { website: '' }), caller.post('/refer/check', { website: '' })]);
    assert.equal(selfReferrals(server), earlier + 1);
    assert.ok(both.some((r) => r.status === 303 && r.location === '/refer/confirmation'),
      `one of them is sent: ${JSON.stringify(both.map((r) => [r.status, r.location]))}`);
    const done = await caller.get('/refer/confirmation');
    assert.equal(done.status, 200);
  });

  // A double click without JavaScript sends the second request while the first is still being
  // stored: it must wait for the reference, never say the answers were deleted.
  test('a second Send request a few milliseconds after the first also leads to the confirmation', async () => {
    const outcomes = [];
    for (const delay of [1, 2, 3, 4, 5, 6, 8, 10]) {
      for (let i = 0; i < 2; i += 1) {
        const caller = new Caller(server);
        await caller.answerAll();
        const earlier = selfReferrals(server);
        const both = await Promise.all([
          caller.post('/refer/check', { website: '' }),
          new Promise((r) => setTimeout(r, delay)).then(() => caller.post('/refer/check', { website: '' })),
        ]);
        assert.equal(selfReferrals(server), earlier + 1, 'one referral however the clicks fall');
        outcomes.push(`${delay} ms: ${both.map((r) => `${r.status} ${r.location}`).join(', ')}`);
      }
    }
    const lost = outcomes.filter((o) => o.includes('expired'));
    assert.deepEqual(lost, [], `some second clicks were told their answers were deleted:\n${outcomes.join('\n')}`);
  });

  test('without a draft cookie, or with a made-up one, the journey starts again with a message', async () => {
    const madeUp = [null, '0'.repeat(64), 'a1b2c3d4'.repeat(8), 'not-a-token', '../../etc/passwd'];
    for (const cookie of madeUp) {
      const caller = new Caller(server, cookie);
      for (const p of ['/refer/safe-to-contact', '/refer/name', '/refer/check', '/refer/confirmation']) {
        const r = await caller.get(p);
        assert.deepEqual([r.status, r.location], [303, '/refer?expired=1'], `GET ${p} with ${cookie}`);
      }
      const post = await caller.post('/refer/name', { name: PERSON.name });
      assert.deepEqual([post.status, post.location], [303, '/refer?expired=1'], `POST with ${cookie}`);
      const send = await caller.post('/refer/check', { website: '' });
      assert.deepEqual([send.status, send.location], [303, '/refer?expired=1'], `send with ${cookie}`);
    }
    const banner = await fetch(`${server.url}/refer?expired=1`);
    assert.equal(banner.status, 200);
    assert.match(await banner.text(), /govuk-notification-banner[\s\S]*Your answers were deleted/);
    const plain = await (await fetch(`${server.url}/refer`)).text();
    assert.doesNotMatch(plain, /govuk-notification-banner__heading/);
  });

  test('a page that does not exist in the journey is a 404', async () => {
    const caller = new Caller(server);
    await caller.start();
    const r = await caller.get('/refer/no-such-question');
    assert.equal(r.status, 404);
  });

  test('skipping ahead goes back to the first question not yet answered', async () => {
    const caller = new Caller(server);
    await caller.start();
    const r = await caller.get('/refer/check');
    assert.deepEqual([r.status, r.location], [303, '/refer/safe-to-contact']);
    // A page that does not apply to these answers (business name for a person) is skipped too.
    const answers = personAnswers();
    for (const slug of ['safe-to-contact', 'contact', 'voicemail', 'say-who-we-are', 'contact-times', 'who']) {
      assert.equal((await caller.post(`/refer/${slug}`, answers[slug])).status, 303);
    }
    const business = await caller.get('/refer/business-name');
    assert.deepEqual([business.status, business.location], [303, '/refer/name']);
  });

  test('bad answers get 400 with the field messages, and the saved answer is left as it was', async () => {
    const caller = new Caller(server);
    await caller.answerAll();

    // A badly formed email address.
    let r = await caller.post('/refer/contact', { contact_methods: ['call', 'email'], phone: PERSON.phone, email: 'robin.testperson@' });
    assertQuestionError(r, { anchor: 'email', message: /Enter an email address in the correct format/ });
    assert.match(r.text, /<p id="email-error" class="govuk-error-message">/);
    assert.equal(inputValue(r.text, 'email'), 'robin.testperson@', 'what was typed is shown again');
    r = await caller.get('/refer/contact');
    assert.equal(inputValue(r.text, 'email'), PERSON.email, 'the saved email is unchanged');
    // Email ticked but nothing given.
    r = await caller.post('/refer/contact', { contact_methods: ['email'], email: '' });
    assertQuestionError(r, { anchor: 'email', message: /Enter your email address/ });
    // Nothing ticked at all.
    r = await caller.post('/refer/contact', {});
    assertQuestionError(r, { anchor: 'contact_methods', message: /Select at least one safe way to contact you/ });

    // 31 February is not a date.
    r = await caller.post('/refer/date-of-birth', { 'date_of_birth-day': '31', 'date_of_birth-month': '2', 'date_of_birth-year': '1990' });
    assertQuestionError(r, { anchor: 'date_of_birth-day', message: /Date of birth must be a real date/ });
    assert.match(r.text, /<p id="date_of_birth-error" class="govuk-error-message">/);
    assert.match(r.text, /id="date_of_birth-day"[^>]*value="31"/);
    r = await caller.get('/refer/date-of-birth');
    assert.deepEqual(['day', 'month', 'year'].map((p) => inputValue(r.text, `date_of_birth-${p}`)), ['14', '3', '1990']);
    // A missing part is named.
    r = await caller.post('/refer/date-of-birth', { 'date_of_birth-day': '14', 'date_of_birth-month': '', 'date_of_birth-year': '1990' });
    assertQuestionError(r, { anchor: 'date_of_birth-month', message: /must include a month/ });

    // A date in the future for when it happened.
    const nextYear = new Date().getUTCFullYear() + 1;
    r = await caller.post('/refer/when', { 'incident_date-day': '1', 'incident_date-month': '6', 'incident_date-year': String(nextYear) });
    assertQuestionError(r, { anchor: 'incident_date-day', message: /must be today or in the past/ });
    r = await caller.get('/refer/when');
    assert.deepEqual(['day', 'month', 'year'].map((p) => inputValue(r.text, `incident_date-${p}`)), ['1', '10', '2025']);

    // "I'm not sure" with a reason as well.
    r = await caller.post('/refer/hate', { hate_strands: ['not_sure', 'race'] });
    assertQuestionError(r, { anchor: 'hate_strands', message: /on its own/ });
    r = await caller.get('/refer/hate');
    assert.ok(isChecked(r.text, 'hate_strands'), 'race is still ticked');
    assert.ok(!isChecked(r.text, 'hate_strands-6'), '"I\'m not sure" is not ticked');

    // A value that is not one of the choices.
    r = await caller.post('/refer/what-happened', { what_happened: 'piracy' });
    assertQuestionError(r, { anchor: 'what_happened', message: /Select what happened/ });
    r = await caller.get('/refer/what-happened');
    assert.ok(isChecked(r.text, 'what_happened-5'), 'hate crime (the 5th choice) is still chosen');
    assert.match(r.text, /id="what_happened-5"[^>]*value="hate"/);

    // An account over 2000 characters.
    r = await caller.post('/refer/account', { account: 'x'.repeat(2001) });
    assertQuestionError(r, { anchor: 'account', message: /2000 characters or fewer/ });

    // After all that, check your answers still shows the answers saved before.
    const check = await caller.get('/refer/check');
    assert.equal(check.status, 200);
    for (const shown of [PERSON.email, '14 March 1990', '1 October 2025', 'Race, ethnicity or nationality', 'Hate crime or a hate incident']) {
      assert.ok(check.text.includes(shown), `check your answers still shows ${shown}`);
    }
    assert.ok(!check.text.includes('piracy'));
  });

  test('answers are shown back escaped, never as markup', async () => {
    const caller = new Caller(server);
    const name = '<img src=x onerror=alert(1)> "Robin" & Co';
    await caller.answerAll(personAnswers({ name: { name }, account: { account: '<script>alert(1)</script>' } }));
    const check = await caller.get('/refer/check');
    assert.ok(check.text.includes('&lt;img src=x onerror=alert(1)&gt; &quot;Robin&quot; &amp; Co'));
    assert.ok(check.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!check.text.includes('<img src=x') && !check.text.includes('<script>alert'));
    const page = await caller.get('/refer/name');
    assert.match(page.text, /id="name"[^>]*value="&lt;img src=x onerror=alert\(1\)&gt; &quot;Robin&quot; &amp; Co"/);
  });

  test('drafts are sealed in the database: the answers cannot be read from it', async () => {
    const secretName = 'Ottoline Sealtest-Marchbanks';
    const secretPhone = '0161 496 0999';
    const caller = new Caller(server);
    await caller.start();
    const answers = personAnswers({
      contact: { contact_methods: ['call'], phone: secretPhone },
      name: { name: secretName },
    });
    for (const slug of ['safe-to-contact', 'contact', 'voicemail', 'say-who-we-are', 'contact-times', 'who', 'name']) {
      assert.equal((await caller.post(`/refer/${slug}`, answers[slug])).status, 303, slug);
    }
    const shown = await caller.get('/refer/name');
    assert.equal(inputValue(shown.text, 'name'), secretName, 'the draft holds the name');

    const rows = sql(server, 'SELECT id_hash, sealed FROM form_drafts').split('\n');
    assert.ok(rows.length > 0);
    const all = rows.join('\n');
    for (const secret of [secretName, 'Sealtest', secretPhone, '0161 496 0999', 'safe_to_contact', caller.cookie]) {
      assert.ok(!all.includes(secret), `form_drafts does not contain ${secret}`);
    }
    // Not in the database file or its journal at all.
    for (const suffix of ['', '-wal']) {
      let bytes;
      try { bytes = readFileSync(dbPath(server) + suffix); } catch { continue; }
      assert.ok(!bytes.includes(Buffer.from('Sealtest')), `vg.db${suffix} does not contain the name`);
    }
  });

  test('a draft ends when it is not safe to contact: not-safe page, cookie cleared, draft deleted', async () => {
    const caller = new Caller(server);
    await caller.start();
    const drafts = count(server, 'form_drafts');
    const token = caller.cookie;
    const r = await caller.post('/refer/safe-to-contact', { safe_to_contact: 'no' });
    assert.deepEqual([r.status, r.location], [303, '/refer/not-safe']);
    assert.ok(r.setCookies.some((c) => /^vg_refer=;.*Max-Age=0/.test(c)), 'the cookie is cleared');
    assert.equal(count(server, 'form_drafts'), drafts - 1);
    const page = await caller.get('/refer/not-safe');
    assert.equal(page.status, 200);
    assert.match(page.text, /We will not contact you/);
    const stale = await new Caller(server, token).get('/refer/contact');
    assert.deepEqual([stale.status, stale.location], [303, '/refer?expired=1']);
  });

  // A POST form (not GET), so the kind of crime never goes into the address or the history.
  const askAdvice = (fields) => fetch(`${server.url}/refer/advice`, {
    method: 'POST', body: formBody(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
  });

  test('the advice route is a POST form that stores nothing and sets no cookie', async () => {
    const drafts = count(server, 'form_drafts');
    const referrals = count(server, 'referrals');
    const res = await askAdvice({ what: 'burglary', where: 'E07000199' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.getSetCookie().length, 0);
    const html = await res.text();
    assert.match(html, /Advice and support: Burglary/);
    assert.match(html, /Services that can help in Tamworth/);
    const bad = await askAdvice({ what: 'piracy', where: 'nowhere' });
    assert.equal(bad.status, 400);
    const links = errorSummaryLinks(await bad.text()).map((l) => l.anchor);
    assert.deepEqual(links.sort(), ['what', 'where']);
    assert.equal(count(server, 'form_drafts'), drafts);
    assert.equal(count(server, 'referrals'), referrals);
  });

  test('the services the advice page lists open their service pages', async () => {
    const html = await (await askAdvice({ what: 'hate', where: 'E08000012' })).text();
    const hrefs = [...html.matchAll(/<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="([^"]+)">/g)].map((m) => m[1]);
    assert.ok(hrefs.length > 0, 'services are listed');
    for (const href of hrefs) {
      const res = await fetch(server.url + href);
      await res.arrayBuffer();
      assert.equal(res.status, 200, `${href} opens`);
    }
  });

  // Last, so it sees everything the tests above made the server log.
  test('the server log never holds a name, phone number, email or account', async () => {
    await logsCaughtUp(server);
    const log = server.logs.join('');
    assert.ok(log.includes('/refer/{slug}'), 'the journey was logged (by route pattern)');
    for (const secret of [PERSON.name, 'Testperson', PERSON.phone, '496 0000', PERSON.email, 'Quillfeather',
      'Ottoline', 'Sealtest', '0161 496 0999', 'spam.example.com']) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret}`);
    }
  });
});

describe('per-address limit on drafts started', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { VG_SELF_REFERRAL_DRAFTS_PER_HOUR: '3', VG_CLOCK_START: insideAnHour() } });
  }, { timeout: 300_000 });
  after(async () => { await server?.stop(); });

  test('the 4th start in an hour is refused with 429 and Retry-After, and makes no draft', async () => {
    for (let i = 0; i < 3; i += 1) await new Caller(server).start();
    assert.equal(count(server, 'form_drafts'), 3);
    const caller = new Caller(server);
    const r = await caller.post('/refer/start', { website: '' });
    assert.equal(r.status, 429);
    assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    assert.match(r.text, /Too many requests/);
    assert.equal(caller.cookie, null, 'no cookie');
    assert.equal(count(server, 'form_drafts'), 3);
    const again = await caller.post('/refer/start', { website: '' });
    assert.equal(again.status, 429, 'still refused');
  });
});

describe('per-address limit on requests sent', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { VG_SELF_REFERRALS_PER_HOUR: '1', VG_CLOCK_START: insideAnHour() } });
  }, { timeout: 300_000 });
  after(async () => { await server?.stop(); });

  test('the 2nd request in an hour is refused with 429 and the answers are kept', async () => {
    const first = new Caller(server);
    await first.answerAll();
    const sent = await first.post('/refer/check', { website: '' });
    assert.deepEqual([sent.status, sent.location], [303, '/refer/confirmation']);
    assert.equal(selfReferrals(server), 1);

    const second = new Caller(server);
    await second.answerAll(personAnswers({ name: { name: 'Sam Invented-Second' } }));
    const refused = await second.post('/refer/check', { website: '' });
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
    assert.match(refused.text, /Too many requests/);
    assert.match(refused.text, /Your answers have been kept/);
    assert.equal(selfReferrals(server), 1, 'nothing more was stored');
    const check = await second.get('/refer/check');
    assert.equal(check.status, 200, 'the draft is still there');
    assert.ok(check.text.includes('Sam Invented-Second'));
    const confirmation = await second.get('/refer/confirmation');
    assert.deepEqual([confirmation.status, confirmation.location], [303, '/refer?expired=1'], 'nothing was sent');
  });
});
