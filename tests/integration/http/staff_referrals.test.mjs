// The staff referral form over plain HTTP against a real server and database: who may use it,
// "Update assessment" (the panel, with the route and why, and every answer kept), the live
// assessment fragment, sending once per form (a resend gives the same reference), every kind of
// bad answer (400, a GOV.UK error summary linked to the input, nothing stored), CSRF, partner
// caseworkers' referrals (channel "partner", seen only by their organisation), and logs that
// never hold what was typed about the victim.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { logsCaughtUp, querySqlite, startServer } from '../../support/server.mjs';
import { Browser, hiddenField as hidden, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks as errorSummaryLinksIn } from '../../support/html.mjs';
import { expectedServiceName } from '../../support/routing_examples.mjs';
import { storedDocument } from '../../support/sealed_text.mjs';

const ORG = {
  hub: '7a1c0e52-3d4b-4c1e-9f00-000000000002',      // Victim Care Merseyside hub (demo)
  rasa: '7a1c0e52-3d4b-4c1e-9f00-000000000004',     // RASA Merseyside (demo)
};
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  assessor: ['assessor@demo.victim-gateway.test', 'demo-assessor-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
  police: ['police@demo.victim-gateway.test', 'demo-police-password'],
  commissioner: ['commissioner@demo.victim-gateway.test', 'demo-commissioner-password'],
};

// Invented people only. 0161 496 0xxx are Ofcom drama numbers; example.com is reserved.
const PERSON = {
  name: 'Jamie Inventedname',
  phone: '0161 496 0000',
  safePhone: '0161 496 0123',
  email: 'jamie.inventedname@example.com',
  codeWord: 'Quillfeather',
  account: 'Someone invented broke into the flat above the made-up Marrowby Launderette.',
};

const expectedService = (example) => expectedServiceName('merseyside', example);

let server;
before(async () => {
  // Debug logging, so the check that logs hold no personal data sees everything the server says.
  server = await startServer({ env: { VG_LOG_LEVEL: 'debug' } });
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

// ---- A signed-in member of staff, with a cookie jar the way a browser keeps one. ----

// One session per person, shared by the tests (with the second factor, each new sign-in needs an
// authenticator code the server has not seen from that person).
const signIn = ([email, password]) => signedInBrowser(server.url, email, password);

// Opens a new referral form: its hidden fields (CSRF token, form id, start time) and the page.
async function openForm(browser) {
  const page = await browser.get('/staff/referrals/new');
  assert.equal(page.status, 200, page.text.slice(0, 500));
  const form = {
    csrf_token: hidden(page.text, 'csrf_token'),
    form_id: hidden(page.text, 'form_id'),
    started_at: hidden(page.text, 'started_at'),
  };
  assert.ok(form.csrf_token && form.form_id && form.started_at, 'the form has its hidden fields');
  return { form, page };
}

// The server's clock to the second, as a newly opened form shows it (its start time).
const serverSecond = async (browser) => (await openForm(browser)).form.started_at;

// Waits until the server's own clock has passed `instant` (RFC 3339, to the second), reading it
// rather than guessing how long that takes; at most a few seconds.
async function serverClockPast(browser, instant) {
  const deadline = Date.now() + 5_000;
  while (Date.parse(await serverSecond(browser)) <= Date.parse(instant)) {
    assert.ok(Date.now() < deadline, `the server's clock did not pass ${instant}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A referral an advisor took by phone: an adult's burglary in Liverpool, consent given.
function answers(overrides = {}) {
  const base = {
    channel: 'phone',
    'victim.type': 'person',
    'victim.name': PERSON.name,
    'victim.date_of_birth-day': '14',
    'victim.date_of_birth-month': '3',
    'victim.date_of_birth-year': '1990',
    'victim.phone': PERSON.phone,
    'victim.email': PERSON.email,
    offence_category: 'burglary_residential',
    'incident_date-day': '1',
    'incident_date-month': '10',
    'incident_date-year': '2025',
    local_authority: 'E08000012',
    reported_to_police: 'no',
    'safe_contact.safe_channels': ['call', 'email'],
    'safe_contact.safe_phone': PERSON.safePhone,
    'safe_contact.safe_email': PERSON.email,
    'safe_contact.code_word': PERSON.codeWord,
    consent: 'given',
    account: PERSON.account,
  };
  const out = { ...base, ...overrides };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

const post = (browser, form, fields, action) => browser.post('/staff/referrals/new', { ...form, ...fields, action });

// ---- Reading the pages. ----

function assessmentPanel(html) {
  const m = html.match(/<div class="app-assessment-panel" id="assessment"[^>]*>([\s\S]*?)<\/div>\s*<\/div>\s*<\/div>\s*<\/main>/);
  assert.ok(m, 'the page has the assessment panel');
  return m[1];
}

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const destination = (html) => text(html.match(/<div[^>]*id="assessment-decision">([\s\S]*?)<\/div>/)?.[1] ?? '');
const row = (html, key) => text(html.match(new RegExp(`<dt class="govuk-summary-list__key">${key}</dt>\\s*<dd[^>]*>([\\s\\S]*?)</dd>`))?.[1] ?? '');
const explanation = (html) => [...(html.match(/<ol[^>]*id="assessment-explanation">([\s\S]*?)<\/ol>/)?.[1] ?? '')
  .matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
const needsChanging = (html) => [...(html.match(/this needs changing:<\/p>\s*<ul[^>]*>([\s\S]*?)<\/ul>/)?.[1] ?? '')
  .matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));

function passedOver(html) {
  const m = html.match(/<details class="govuk-details">[\s\S]*?Rules passed over \((\d+)\)[\s\S]*?<ul class="govuk-list">([\s\S]*?)<\/ul>/);
  assert.ok(m, 'the panel has "Rules passed over (N)" in a details element');
  return { count: Number(m[1]), rules: [...m[2].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((x) => text(x[1])) };
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const inputValue = (html, id) => html.match(new RegExp(`<input[^>]*id="${escapeRe(id)}"[^>]*value="([^"]*)"`))?.[1];
const isChecked = (html, name, value) => new RegExp(`<input[^>]*name="${escapeRe(name)}" type="(?:radio|checkbox)" value="${escapeRe(value)}"[^>]*\\schecked[\\s>]`).test(html);
const isSelected = (html, value) => new RegExp(`<option value="${escapeRe(value)}" selected>`).test(html);
const textareaValue = (html, id) => html.match(new RegExp(`<textarea[^>]*id="${escapeRe(id)}"[^>]*>([\\s\\S]*?)</textarea>`))?.[1];

const errorSummaryLinks = (html) => errorSummaryLinksIn(html, text);

function assertFieldError(r, { label, anchor, message }) {
  assert.equal(r.status, 400, `${label}: ${r.text.slice(0, 500)}`);
  assert.match(r.text, /<title>Error: /);
  const links = errorSummaryLinks(r.text);
  assert.ok(links.some((l) => l.anchor === anchor && message.test(l.message)),
    `${label}: the summary links #${anchor} saying ${message}: ${JSON.stringify(links)}`);
  assert.ok(r.text.includes(`id="${anchor}"`), `${label}: #${anchor} is on the page`);
  const inline = [...r.text.matchAll(/<p id="[^"]*-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)].map((m) => text(m[1]));
  assert.ok(inline.some((m) => message.test(m)), `${label}: an inline error says ${message}: ${JSON.stringify(inline)}`);
}

// ---- The database, read with the sqlite3 command line tool. ----

const sql = (query) => querySqlite(server, query);
// The referral's document as the database holds it (sealed with the notes key), opened and read.
const storedReferral = (reference) => JSON.parse(storedDocument(
  sql(`SELECT document FROM referrals WHERE reference = '${reference}'`).trim(),
  sql(`SELECT document_key_id FROM referrals WHERE reference = '${reference}'`).trim()));
const referralCount = () => Number(sql('SELECT count(*) FROM referrals'));
function stored(reference) {
  assert.match(reference, /^[A-Z]{2}-\d{4}-\d{6}$/);
  const line = sql(`SELECT reference, channel, source_organisation_id, consent_state, area FROM referrals WHERE reference = '${reference}'`);
  assert.ok(line, `${reference} is stored`);
  const [ref, channel, organisation, consent, area] = line.split('|');
  return { reference: ref, channel, organisation, consent, area };
}

const referenceFrom = (location) => location?.match(/^\/staff\/referrals\/([A-Z]{2}-\d{4}-\d{6})$/)?.[1];

// ---- The tests. ----

describe('who may use the staff referral form', () => {
  test('signed out: the form and the reference page send you to sign in; posts are refused', async () => {
    const anon = new Browser(server.url);
    for (const p of ['/staff/referrals/new', '/staff/referrals/MY-2026-000001']) {
      const r = await anon.get(p);
      assert.deepEqual([r.status, r.location], [303, '/sign-in'], p);
    }
    const before = referralCount();
    const sent = await anon.post('/staff/referrals/new', { ...answers(), action: 'send' });
    assert.deepEqual([sent.status, sent.location], [303, '/sign-in']);
    const fragment = await anon.post('/staff/referrals/assess', answers());
    assert.equal(fragment.status, 403);
    assert.doesNotMatch(fragment.text, /Goes to/);
    assert.equal(referralCount(), before);
  });

  test('advisors, team leaders, risk assessors and partner caseworkers get the form, linked from their home page', async () => {
    for (const who of ['advisor', 'leader', 'assessor', 'partner']) {
      const browser = await signIn(LOGIN[who]);
      assert.equal(browser.home, '/staff');
      const home = await browser.get('/staff');
      assert.match(home.text, /<a class="govuk-link" href="\/staff\/referrals\/new">Enter a referral<\/a>/, `${who}'s home links to the form`);
      const { page, form } = await openForm(browser);
      assert.match(page.text, /<title>Enter a referral/);
      assert.match(page.text, /<form method="post" action="\/staff\/referrals\/new" novalidate data-live-assessment="\/staff\/referrals\/assess">/);
      assert.equal(form.csrf_token.length, 64);
      assert.match(form.form_id, /^[0-9a-f]{32}$/);
      assert.match(form.started_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.match(page.text, /The assessment appears here as you fill in the form/);
      assert.match(page.text, /<button type="submit" name="action" value="send"[^>]*>Send referral<\/button>/);
      assert.match(page.text, /<button type="submit" name="action" value="assess"[^>]*>Update assessment<\/button>/);
      // Partner caseworkers' referrals are always "partner": they are not asked how it came in.
      assert.equal(/name="channel"/.test(page.text), who !== 'partner', `${who}: the channel question`);
      if (who !== 'partner') assert.ok(isChecked(page.text, 'channel', 'phone'), 'phone is chosen to start with');
      assert.ok(isChecked(page.text, 'victim.type', 'person'), 'a person is chosen to start with');
      const again = await openForm(browser);
      assert.notEqual(again.form.form_id, form.form_id, 'each new form has a form id of its own');
    }
  });

  test('commissioners and the police may not use it: 403, and nothing is stored', async () => {
    for (const who of ['commissioner', 'police']) {
      const browser = await signIn(LOGIN[who]);
      const home = await browser.get(browser.home);
      assert.doesNotMatch(home.text, /href="\/staff\/referrals\/new"/, `${who}'s home does not link to the form`);
      const page = await browser.get('/staff/referrals/new');
      assert.equal(page.status, 403, who);
      assert.match(page.text, /You cannot view this page/);
      assert.doesNotMatch(page.text, /name="victim.name"/);
      // Even with their own valid CSRF token (from their home page's sign-out form).
      const csrf = hidden(home.text, 'csrf_token');
      assert.ok(csrf, `${who}'s home page has a CSRF token`);
      const before = referralCount();
      const sent = await browser.post('/staff/referrals/new', { csrf_token: csrf, ...answers(), action: 'send' });
      assert.equal(sent.status, 403, `${who} sending`);
      const assessed = await browser.post('/staff/referrals/new', { csrf_token: csrf, ...answers(), action: 'assess' });
      assert.equal(assessed.status, 403, `${who} assessing`);
      const fragment = await browser.post('/staff/referrals/assess', { csrf_token: csrf, ...answers() });
      assert.equal(fragment.status, 403, `${who} asking for the fragment`);
      assert.doesNotMatch(fragment.text, /Goes to/);
      assert.equal(referralCount(), before);
    }
  });
});

describe('assessing a referral ("Update assessment")', () => {
  test('an adult sexual offence with consent goes to the ISVA service; the panel says why, and every answer is kept', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const before = referralCount();
    const fields = answers({
      offence_category: 'rape',
      'flags.sexual_offence': 'true',
      'victim.interpreter_needed': 'true',
      'victim.language': 'Welsh',
      'victim.disabilities': ['mental_disorder', 'sensory_impairment'],
      'safe_contact.voicemail_allowed': 'true',
      'safe_contact.safe_times': 'Weekdays 10am to 2pm',
    });
    const r = await post(advisor, form, fields, 'assess');
    assert.equal(r.status, 200, r.text.slice(0, 500));
    assert.doesNotMatch(r.text, /<title>Error: /);
    assert.doesNotMatch(r.text, /govuk-error-summary/);
    const panel = assessmentPanel(r.text);
    assert.equal(destination(panel), `Goes to ${expectedService('adult-rape-isva')}`);
    assert.match(row(panel, 'Eligibility'), /^Eligible \(/);
    assert.match(row(panel, 'Enhanced rights'), /^Yes: .*sexual offence/i);
    assert.equal(row(panel, 'Consent'), 'Consented');
    assert.equal(row(panel, 'Risk'), 'Standard');
    assert.match(row(panel, 'First contact'), /^by \w+day \d{1,2} \w+ \d{4} \(\d+ working days?\)$/);
    const why = explanation(panel);
    assert.ok(why.length > 0, 'the panel says why');
    assert.match(why[0], /^A sexual offence against an adult/);
    assert.ok(why.some((line) => line === `Chosen: ${expectedService('adult-rape-isva')}`), JSON.stringify(why));
    const passed = passedOver(panel);
    assert.equal(passed.rules.length, passed.count, 'the count of rules passed over is the number listed');
    assert.ok(passed.count > 0);
    assert.ok(passed.rules.every((line) => line.startsWith('Passed over: ')), JSON.stringify(passed.rules));
    assert.ok(passed.rules.some((line) => /^Passed over: Under 18 with a child sexual exploitation flag/.test(line)));

    // The same form comes back with what was typed, and the same hidden fields.
    assert.equal(hidden(r.text, 'form_id'), form.form_id);
    assert.equal(hidden(r.text, 'started_at'), form.started_at);
    assert.equal(hidden(r.text, 'csrf_token'), form.csrf_token);
    assert.equal(inputValue(r.text, 'victim.name'), PERSON.name);
    assert.equal(inputValue(r.text, 'victim.phone'), PERSON.phone);
    assert.equal(inputValue(r.text, 'victim.email'), PERSON.email);
    assert.equal(inputValue(r.text, 'victim.language'), 'Welsh');
    assert.equal(inputValue(r.text, 'victim.date_of_birth-day'), '14');
    assert.equal(inputValue(r.text, 'victim.date_of_birth-month'), '3');
    assert.equal(inputValue(r.text, 'victim.date_of_birth-year'), '1990');
    assert.equal(inputValue(r.text, 'incident_date-year'), '2025');
    assert.equal(inputValue(r.text, 'safe_contact.safe_phone'), PERSON.safePhone);
    assert.equal(inputValue(r.text, 'safe_contact.safe_times'), 'Weekdays 10am to 2pm');
    assert.equal(inputValue(r.text, 'safe_contact.code_word'), PERSON.codeWord);
    assert.equal(textareaValue(r.text, 'account'), PERSON.account);
    assert.ok(isSelected(r.text, 'rape'), 'the offence category stays selected');
    assert.ok(isSelected(r.text, 'E08000012'), 'Liverpool stays selected');
    for (const [name, value] of [['channel', 'phone'], ['victim.type', 'person'], ['reported_to_police', 'no'],
      ['consent', 'given'], ['flags.sexual_offence', 'true'], ['victim.interpreter_needed', 'true'],
      ['victim.disabilities', 'mental_disorder'], ['victim.disabilities', 'sensory_impairment'],
      ['safe_contact.safe_channels', 'call'], ['safe_contact.safe_channels', 'email'],
      ['safe_contact.voicemail_allowed', 'true']]) {
      assert.ok(isChecked(r.text, name, value), `${name}=${value} stays ticked`);
    }
    for (const [name, value] of [['channel', 'chat'], ['consent', 'refused'], ['flags.domestic_abuse', 'true'],
      ['victim.disabilities', 'physical_disability'], ['safe_contact.safe_channels', 'text']]) {
      assert.ok(!isChecked(r.text, name, value), `${name}=${value} stays unticked`);
    }
    assert.equal(referralCount(), before, 'assessing stores nothing');
  });

  test('what is typed is escaped when the form is shown again', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const r = await post(advisor, form, answers({ 'victim.name': 'Jamie "<b>Inventedname</b>" & Co', account: '</textarea><script>alert(1)</script>' }), 'assess');
    assert.equal(r.status, 200);
    assert.equal(inputValue(r.text, 'victim.name'), 'Jamie &quot;&lt;b&gt;Inventedname&lt;/b&gt;&quot; &amp; Co');
    assert.equal(textareaValue(r.text, 'account'), '&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.doesNotMatch(r.text, /<script>alert/);
  });

  test('the routing examples: a child with a CSE flag, domestic abuse awaiting consent, a burglary, a business', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const cases = [
      {
        label: 'under 18 (born 2012) with a child sexual exploitation flag in Liverpool',
        fields: answers({
          offence_category: 'other_sexual_offences', 'flags.child_sexual_exploitation': 'true',
          'victim.date_of_birth-day': '3', 'victim.date_of_birth-month': '2', 'victim.date_of_birth-year': '2012',
        }),
        service: expectedService('cse-under-18'),
        why: /^Under 18 with a child sexual exploitation flag/,
        enhanced: /Under 18/i,
      },
      {
        label: 'domestic abuse in Liverpool, consent not asked yet',
        fields: answers({ offence_category: 'violence_with_injury', 'flags.domestic_abuse': 'true', consent: 'not_asked' }),
        service: expectedService('domestic-abuse-awaiting-consent'),
        why: /^Domestic abuse in Liverpool/,
        consent: 'Awaiting consent. Nothing may be shared with a partner yet',
      },
      {
        label: 'an adult\'s burglary in Liverpool: the area\'s general service',
        fields: answers(),
        service: expectedService('burglary-fallback'),
        consent: 'Consented',
      },
      {
        label: 'consent refused',
        fields: answers({ consent: 'refused' }),
        service: expectedService('burglary-fallback'),
        consent: 'Opted out. Nothing may be shared with a partner yet',
      },
      {
        label: 'a business',
        fields: answers({ 'victim.type': 'business', 'business.name': 'Invented Marrowby Launderette Ltd' }),
        service: expectedService('burglary-fallback'),
      },
    ];
    for (const c of cases) {
      const r = await post(advisor, form, c.fields, 'assess');
      assert.equal(r.status, 200, `${c.label}: ${r.text.slice(0, 300)}`);
      const panel = assessmentPanel(r.text);
      assert.equal(destination(panel), `Goes to ${c.service}`, c.label);
      if (c.why) assert.match(explanation(panel)[0], c.why, c.label);
      if (c.consent) assert.equal(row(panel, 'Consent'), c.consent, c.label);
      if (c.enhanced) assert.match(row(panel, 'Enhanced rights'), c.enhanced, c.label);
      assert.ok(explanation(panel).some((line) => line.includes(c.service)), `${c.label}: ${JSON.stringify(explanation(panel))}`);
    }
  });

  test('a high professional judgement with its reason makes the risk high', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const r = await post(advisor, form, answers({
      'risk_history.professional_judgement': 'high', 'risk_history.judgement_reason': 'Invented: threats were repeated.',
    }), 'assess');
    assert.equal(r.status, 200);
    const panel = assessmentPanel(r.text);
    assert.match(panel, /<strong class="govuk-tag govuk-tag--red">High<\/strong>/);
    assert.match(row(panel, 'Risk'), /^High/);
    assert.ok(isSelected(r.text, 'high'));
    assert.equal(textareaValue(r.text, 'risk_history.judgement_reason'), 'Invented: threats were repeated.');
  });

  test('several MARAC reasons are listed one a line, each in words, and a deadline due today says "today"', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    // A MARAC referral about two months ago: a repeat within 12 months.
    const last = new Date(Date.now() - 61 * 24 * 3600 * 1000);
    const lastWords = `${last.getUTCDate()} ${last.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${last.getUTCFullYear()}`;
    const fields = answers({
      'risk_history.professional_judgement': 'high',
      'risk_history.judgement_reason': 'Invented: threats were repeated.',
      'risk_history.police_callouts_last_12_months': '3',
      'risk_history.last_marac_referral-day': String(last.getUTCDate()),
      'risk_history.last_marac_referral-month': String(last.getUTCMonth() + 1),
      'risk_history.last_marac_referral-year': String(last.getUTCFullYear()),
    });
    const want = [
      'Professional judgement: raised the risk from standard to high',
      '3 police call-outs in the last 12 months',
      `Repeat: a MARAC referral on ${lastWords}, within 12 months`,
    ];
    const maracReasons = (html) => [...(html.match(/<ul[^>]*id="marac-reasons">([\s\S]*?)<\/ul>/)?.[1] ?? '')
      .matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
    const checkPanel = (panel, where) => {
      assert.deepEqual(maracReasons(panel), want, `${where}: one reason a line, in words`);
      assert.match(row(panel, 'Risk'), /^High MARAC referral needed because: /, where);
      assert.doesNotMatch(panel, /Professional judgement Escalation|Escalation|Repeat Escalation/, where);
      // High risk: first contact the same day, which is today.
      assert.match(row(panel, 'First contact'), /^by \w+day \d{1,2} \w+ \d{4} \(today\)$/, where);
      assert.doesNotMatch(panel, /\(0 working days\)/, where);
      assert.match(row(panel, 'Needs assessment'), /^by \w+day \d{1,2} \w+ \d{4} \(\d+ working days\)$/, where);
    };

    const r = await post(advisor, form, fields, 'assess');
    assert.equal(r.status, 200, r.text.slice(0, 500));
    checkPanel(assessmentPanel(r.text), 'the form');
    const fragment = await advisor.post('/staff/referrals/assess', { ...form, ...fields });
    assert.equal(fragment.status, 200);
    checkPanel(fragment.text, 'the live fragment');

    // The reference page shows the panel from the stored report: the same words.
    const sent = await post(advisor, form, fields, 'send');
    assert.equal(sent.status, 303, sent.text.slice(0, 1000));
    const page = await advisor.get(sent.location);
    assert.equal(page.status, 200);
    checkPanel(page.text, 'the reference page');
    assert.ok(!page.text.includes('Invented: threats were repeated.'), 'the judgement\'s own words are not in the report');
  });

  test('a form that cannot be assessed yet: the panel lists what needs changing, with no error summary', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const r = await post(advisor, form, answers({ local_authority: undefined, consent: undefined }), 'assess');
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /govuk-error-summary/);
    const panel = assessmentPanel(r.text);
    assert.doesNotMatch(panel, /Goes to/);
    assert.deepEqual(needsChanging(panel).sort(),
      ['Select where it happened', 'Select whether the victim agreed to be referred for support']);
    const noName = await post(advisor, form, answers({ 'victim.name': '' }), 'assess');
    assert.equal(noName.status, 200);
    assert.deepEqual(needsChanging(assessmentPanel(noName.text)), ["Enter the victim's name"]);
  });
});

describe('the live assessment fragment (POST /staff/referrals/assess)', () => {
  test('returns the assessment panel alone, the same as the full page shows', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const fields = { ...form, ...answers({ offence_category: 'rape', 'flags.sexual_offence': 'true' }) };
    const r = await advisor.post('/staff/referrals/assess', fields);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    for (const whole of [/<html/i, /<body/i, /<form/i, /<head/i, /govuk-header/, /name="victim.name"/]) {
      assert.doesNotMatch(r.text, whole, 'the fragment is the panel only');
    }
    assert.match(r.text.trim(), /^<h2 class="govuk-heading-m">Assessment<\/h2>/);
    assert.equal(destination(r.text), `Goes to ${expectedService('adult-rape-isva')}`);
    assert.match(explanation(r.text)[0], /^A sexual offence against an adult/);
    assert.equal(passedOver(r.text).rules.length, passedOver(r.text).count);
    const full = await post(advisor, form, answers({ offence_category: 'rape', 'flags.sexual_offence': 'true' }), 'assess');
    assert.equal(text(r.text), text(assessmentPanel(full.text)), 'the fragment is what the page shows');

    // Changing one answer changes the destination and the explanation.
    const burglary = await advisor.post('/staff/referrals/assess', { ...form, ...answers() });
    assert.equal(destination(burglary.text), `Goes to ${expectedService('burglary-fallback')}`);
    assert.notDeepEqual(explanation(burglary.text), explanation(r.text));
  });

  test('an incomplete form gets the list of what needs changing; no or a wrong CSRF token gets 403', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const empty = await advisor.post('/staff/referrals/assess', { csrf_token: form.csrf_token });
    assert.equal(empty.status, 200);
    // Every answer missing at once, the place with the rest (issue 10 item 8).
    assert.deepEqual(needsChanging(empty.text).sort(),
      ["Enter the victim's name", 'Select where it happened', 'Select whether the victim agreed to be referred for support']);
    assert.doesNotMatch(empty.text, /Goes to/);
    const missing = await advisor.post('/staff/referrals/assess', { form_id: form.form_id, ...answers() });
    assert.equal(missing.status, 403);
    assert.doesNotMatch(missing.text, /Goes to/);
    const wrong = await advisor.post('/staff/referrals/assess', { csrf_token: '0'.repeat(64), ...answers() });
    assert.equal(wrong.status, 403);
  });
});

describe('sending a referral', () => {
  test('an advisor sends a referral: 303 to its reference page; sending the same form again gives the same reference', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const before = referralCount();
    const sent = await post(advisor, form, answers({ offence_category: 'rape', 'flags.sexual_offence': 'true' }), 'send');
    assert.equal(sent.status, 303, sent.text.slice(0, 2000));
    const reference = referenceFrom(sent.location);
    assert.match(reference ?? '', /^MY-\d{4}-\d{6}$/, sent.location);
    assert.equal(referralCount(), before + 1);
    assert.deepEqual(stored(reference), { reference, channel: 'phone', organisation: ORG.hub, consent: 'consented', area: 'merseyside' });

    const page = await advisor.get(sent.location);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1 class="govuk-panel__title">Referral sent<\/h1>/);
    assert.equal(page.text.match(/<strong id="reference">([^<]+)<\/strong>/)?.[1], reference);
    assert.match(page.text, new RegExp(`<title>Referral ${reference}`));
    assert.equal(destination(page.text), `Goes to ${expectedService('adult-rape-isva')}`);
    assert.match(explanation(page.text)[0], /^A sexual offence against an adult/);
    assert.equal(row(page.text, 'Consent'), 'Consented');
    assert.match(page.text, /href="\/staff\/referrals\/new">Enter another referral<\/a>/);
    assert.ok(!page.text.includes(PERSON.name), 'the reference page does not repeat the victim\'s name');

    // A double click, a refresh or a retry: the same form again is the same referral.
    const again = await post(advisor, form, answers({ offence_category: 'rape', 'flags.sexual_offence': 'true' }), 'send');
    assert.deepEqual([again.status, again.location], [303, sent.location]);
    const both = await Promise.all([1, 2].map(() =>
      post(advisor, form, answers({ offence_category: 'rape', 'flags.sexual_offence': 'true' }), 'send')));
    for (const r of both) assert.deepEqual([r.status, r.location], [303, sent.location]);
    assert.equal(referralCount(), before + 1, 'stored once');
    assert.equal(Number(sql(`SELECT count(*) FROM referrals WHERE reference = '${reference}'`)), 1);

    // The same form sent with a changed answer is refused rather than stored as another one.
    const changed = await post(advisor, form, answers({ offence_category: 'rape', 'flags.sexual_offence': 'true', 'victim.phone': '0161 496 0999' }), 'send');
    assert.equal(changed.status, 400);
    assert.ok(errorSummaryLinks(changed.text).some((l) => /already sent/.test(l.message)), changed.text.slice(0, 2000));
    assert.equal(referralCount(), before + 1);

    // A new form is a new referral.
    const next = await openForm(advisor);
    const second = await post(advisor, next.form, answers({ offence_category: 'rape', 'flags.sexual_offence': 'true' }), 'send');
    assert.equal(second.status, 303);
    assert.notEqual(second.location, sent.location);
    assert.equal(referralCount(), before + 2);
  });

  test('a live chat is stored as "chat"', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const sent = await post(advisor, form, answers({ channel: 'chat' }), 'send');
    assert.equal(sent.status, 303, sent.text.slice(0, 2000));
    const reference = referenceFrom(sent.location);
    assert.match(reference ?? '', /^MY-\d{4}-\d{6}$/, sent.location);
    assert.deepEqual(stored(reference), { reference, channel: 'chat', organisation: ORG.hub, consent: 'consented', area: 'merseyside' });
    const page = await advisor.get(sent.location);
    assert.equal(page.status, 200);
    assert.match(destination(page.text), /^Goes to /);
  });

  test('a place in an area the organisation does not serve is refused on the form, and nothing is stored', async () => {
    const advisor = await signIn(LOGIN.advisor);  // the Merseyside hub
    for (const place of ['E08000003', 'E07000199']) {  // Manchester, Tamworth
      const { form } = await openForm(advisor);
      const before = referralCount();
      const sent = await post(advisor, form, answers({ local_authority: place }), 'send');
      assert.equal(sent.status, 403, sent.text.slice(0, 2000));
      const links = errorSummaryLinks(sent.text);
      assert.ok(links.some((l) => l.anchor === 'local_authority' && /does not send referrals for this area/.test(l.message)),
        JSON.stringify(links));
      assert.equal(referralCount(), before);
    }
  });

  test('the form keeps the time it was started, so a resend seconds later is the same referral', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    await serverClockPast(advisor, form.started_at);  // sent in a later second than it was started
    const sent = await post(advisor, form, answers(), 'send');
    assert.equal(sent.status, 303, sent.text.slice(0, 2000));
    const reference = referenceFrom(sent.location);
    assert.equal(storedReferral(reference).received_at, form.started_at);
    await serverClockPast(advisor, await serverSecond(advisor));  // resent in a later second still
    const again = await post(advisor, form, answers(), 'send');
    assert.deepEqual([again.status, again.location], [303, sent.location], again.text.slice(0, 2000));
  });

  test('the same crime and victim from another organisation: its own referral, nothing of the first disclosed', async () => {
    const reported = { reported_to_police: 'yes', crime_reference: `SHARED-${process.pid}`,
      'date_reported-day': '2', 'date_reported-month': '10', 'date_reported-year': '2025' };
    const advisor = await signIn(LOGIN.advisor);
    const first = await post(advisor, (await openForm(advisor)).form, answers(reported), 'send');
    assert.equal(first.status, 303, first.text.slice(0, 2000));
    const partner = await signIn(LOGIN.partner);
    const second = await post(partner, (await openForm(partner)).form, answers(reported), 'send');
    assert.equal(second.status, 303, second.text.slice(0, 2000));
    assert.notEqual(second.location, first.location, 'the redirect does not name the hub\'s referral');
    const page = await partner.get(second.location);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes(referenceFrom(first.location)));
    assert.equal((await partner.get(first.location)).status, 404);
    // The hub sending it again gets its own back.
    const again = await post(advisor, (await openForm(advisor)).form, answers(reported), 'send');
    assert.equal(again.location, first.location);
  });

  test('a crime already reported to the police, with its reference and date, is sent', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const sent = await post(advisor, form, answers({
      reported_to_police: 'yes', crime_reference: `INVENTED-${process.pid}`,
      'date_reported-day': '2', 'date_reported-month': '10', 'date_reported-year': '2025',
    }), 'send');
    assert.equal(sent.status, 303, sent.text.slice(0, 2000));
    const reference = referenceFrom(sent.location);
    // Kept normalised (for spotting duplicates), with the force of the place it happened.
    assert.equal(sql(`SELECT upper(crime_reference) || '|' || police_force_code FROM referrals WHERE reference = '${reference}'`),
      `INVENTED-${process.pid}|E23000004`);
  });

  const bad = [
    { label: 'calls marked safe without a safe phone number',
      fields: { 'safe_contact.safe_channels': 'call', 'safe_contact.safe_phone': undefined },
      anchor: 'safe_contact.safe_phone', message: /safe phone number/ },
    { label: 'a date of birth that does not exist (31/2/1990)',
      fields: { 'victim.date_of_birth-day': '31', 'victim.date_of_birth-month': '2' },
      anchor: 'victim.date_of_birth-day', message: /Date of birth must be a real date/ },
    { label: 'a two-digit year of birth',
      fields: { 'victim.date_of_birth-year': '90' },
      anchor: 'victim.date_of_birth-day', message: /Date of birth must be a real date/ },
    { label: 'no victim name', fields: { 'victim.name': '' },
      anchor: 'victim.name', message: /Enter the victim's name/ },
    { label: 'a business without its name',
      fields: { 'victim.type': 'business', 'business.name': '' },
      anchor: 'business.name', message: /name of the business/ },
    { label: 'no place', fields: { local_authority: undefined },
      anchor: 'local_authority', message: /Select where it happened/ },
    { label: 'a place that is not on the list', fields: { local_authority: 'E99999999' },
      anchor: 'local_authority', message: /Select a place from the list/ },
    { label: 'no consent choice', fields: { consent: undefined },
      anchor: 'consent', message: /Select whether the victim agreed to be referred for support/ },
    { label: 'a high professional judgement without a reason',
      fields: { 'risk_history.professional_judgement': 'high' },
      anchor: 'risk_history.judgement_reason', message: /reason for the professional judgement/ },
    { label: 'an age that is not a number', fields: { 'victim.age': 'abc' },
      anchor: 'victim.age', message: /Enter a whole number/ },
    { label: 'an age over 130', fields: { 'victim.age': '200' },
      anchor: 'victim.age', message: /age must be between 0 and 130/ },
    { label: 'a name over 200 characters', fields: { 'victim.name': 'J'.repeat(201) },
      anchor: 'victim.name', message: /Name must be 200 characters or fewer/ },
    { label: 'a date of birth after today',
      fields: { 'victim.date_of_birth-year': '2099' },
      anchor: 'victim.date_of_birth-day', message: /date of birth must be on or before the date the referral was received/ },
    { label: 'hate crime strands without the hate crime flag', fields: { 'flags.hate_strands': 'race' },
      anchor: 'flags.hate_strands', message: /only be given when the crime is marked as a hate crime/ },
    { label: 'a safe email address in the wrong shape',
      fields: { 'safe_contact.safe_email': 'not-an-email-address' },
      anchor: 'safe_contact.safe_email', message: /Enter a safe email address in the correct format/ },
    { label: 'the victim\'s email address in the wrong shape',
      fields: { 'victim.email': 'not-an-email' },
      anchor: 'victim.email', message: /email address in the correct format/ },
    { label: 'letters marked safe without a safe address',
      fields: { 'safe_contact.safe_channels': ['call', 'letter'] },
      anchor: 'safe_contact.safe_address', message: /Enter a safe address/ },
    { label: 'a negative number of police call-outs', fields: { 'risk_history.police_callouts_last_12_months': '-1' },
      anchor: 'risk_history.police_callouts_last_12_months', message: /Enter a whole number/ },
    { label: 'an offence category that is not a Home Office one', fields: { offence_category: 'invented_category' },
      anchor: 'offence_category', message: /Home Office categories/ },
    { label: 'an incident date in the future',
      fields: { 'incident_date-day': '1', 'incident_date-month': '1', 'incident_date-year': '2099' },
      anchor: 'incident_date-day', message: /on or before the date the referral was received/ },
    { label: 'a safe channel that is not offered', fields: { 'safe_contact.safe_channels': ['call', 'carrier_pigeon'] },
      anchor: 'safe_contact.safe_channels', message: /must list call, text, email, letter or visit/ },
  ];

  test('each kind of bad answer: 400, an error summary linked to the input, the answers kept, nothing stored', async () => {
    const advisor = await signIn(LOGIN.advisor);
    for (const c of bad) {
      const { form } = await openForm(advisor);
      const before = referralCount();
      const r = await post(advisor, form, answers(c.fields), 'send');
      assertFieldError(r, c);
      assert.equal(referralCount(), before, `${c.label}: nothing stored`);
      assert.equal(hidden(r.text, 'form_id'), form.form_id, `${c.label}: the same form comes back`);
      assert.ok(r.text.includes('class="app-assessment-panel"'), `${c.label}: the panel is still there`);
      if (c.fields['victim.name'] === undefined) assert.equal(inputValue(r.text, 'victim.name'), PERSON.name, `${c.label}: the name is kept`);
      assert.equal(textareaValue(r.text, 'account'), PERSON.account, `${c.label}: the account is kept`);
      // Correcting the answer on the same form sends it.
      const fixed = await post(advisor, form, answers(), 'send');
      assert.equal(fixed.status, 303, `${c.label}, corrected: ${fixed.text.slice(0, 1000)}`);
      assert.equal(referralCount(), before + 1);
    }
  });

  // The form's own checks (numbers, dates, consent, place) and the referral's (name, safe
  // contact, ...) are shown together: GOV.UK asks for every error at once.
  test('every error is shown at once', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const { form } = await openForm(advisor);
    const r = await post(advisor, form, answers({ 'victim.age': 'abc', 'victim.name': '' }), 'send');
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummaryLinks(r.text).map((l) => l.anchor).sort(), ['victim.age', 'victim.name']);
  });

  test('a form without the session\'s CSRF token is refused (403) and nothing is stored', async () => {
    const advisor = await signIn(LOGIN.advisor);
    const other = await signIn(LOGIN.leader);
    const { form } = await openForm(advisor);
    const theirs = (await openForm(other)).form.csrf_token;
    const before = referralCount();
    for (const [label, csrf] of [['no token', undefined], ['an empty token', ''], ['a made-up token', 'f'.repeat(64)],
      ['another user\'s token', theirs]]) {
      for (const action of ['send', 'assess']) {
        const fields = { ...form, csrf_token: csrf, ...answers(), action };
        if (csrf === undefined) delete fields.csrf_token;
        const r = await advisor.post('/staff/referrals/new', fields);
        assert.equal(r.status, 403, `${label}, ${action}`);
        assert.doesNotMatch(r.text, /Goes to/);
      }
    }
    assert.equal(referralCount(), before);
    // And the same form with its token still works.
    const sent = await post(advisor, form, answers(), 'send');
    assert.equal(sent.status, 303);
  });
});

describe('partner caseworkers', () => {
  test('a partner caseworker\'s referral is stored as "partner"; only their organisation sees its page', async () => {
    const partner = await signIn(LOGIN.partner);
    const { form } = await openForm(partner);
    const before = referralCount();
    // Even if a "channel" is posted, a partner caseworker's referral comes from the partner.
    const sent = await post(partner, form, answers({ channel: 'chat', offence_category: 'rape', 'flags.sexual_offence': 'true' }), 'send');
    assert.equal(sent.status, 303, sent.text.slice(0, 2000));
    const reference = referenceFrom(sent.location);
    assert.match(reference ?? '', /^MY-\d{4}-\d{6}$/);
    assert.equal(referralCount(), before + 1);
    assert.deepEqual(stored(reference), { reference, channel: 'partner', organisation: ORG.rasa, consent: 'consented', area: 'merseyside' });
    assert.equal(storedReferral(reference).consent.method, 'partner_form');

    const own = await partner.get(sent.location);
    assert.equal(own.status, 200);
    assert.equal(own.text.match(/<strong id="reference">([^<]+)<\/strong>/)?.[1], reference);

    const advisor = await signIn(LOGIN.advisor);
    const notTheirs = await advisor.get(sent.location);
    assert.equal(notTheirs.status, 404, 'the advisor (another organisation) cannot see it');
    assert.ok(!notTheirs.text.includes(reference), 'nor learn anything about it');
    const police = await signIn(LOGIN.police);
    assert.equal((await police.get(sent.location)).status, 403);

    // The other way round: the partner cannot see the hub's referrals; the hub's team leader can.
    const hub = await openForm(advisor);
    const hubSent = await post(advisor, hub.form, answers(), 'send');
    assert.equal(hubSent.status, 303);
    assert.equal((await partner.get(hubSent.location)).status, 404);
    assert.equal((await (await signIn(LOGIN.leader)).get(hubSent.location)).status, 200);
  });

  test('a reference that does not exist is 404', async () => {
    const advisor = await signIn(LOGIN.advisor);
    for (const p of ['/staff/referrals/MY-2026-999999', '/staff/referrals/not-a-reference']) {
      assert.equal((await advisor.get(p)).status, 404, p);
    }
  });
});

describe('personal data', () => {
  test('nothing typed about the victim appears in the server\'s logs', async () => {
    await logsCaughtUp(server);
    const logs = server.logs.join('');
    assert.ok(logs.includes('/staff/referrals/new'), 'the requests were logged');
    for (const secret of [PERSON.name, 'Inventedname', PERSON.phone, PERSON.safePhone, '496 0', PERSON.email,
      PERSON.codeWord, PERSON.account, 'Marrowby', 'threats were repeated']) {
      assert.ok(!logs.includes(secret), `the logs contain "${secret}"`);
    }
  });
});
