// Demand insight against a real server and database: a commissioner reads their own area's
// figures in the page, the CSV and the JSON, with a cell of 3 shown as "fewer than 5" in all three
// and the cell that would give it away hidden; another area's commissioner gets nothing of it; a
// caseworker is refused; bad parameters are a problem naming each; and the facts behind the figures
// follow a case as it is worked, holding no personal data. Every person is invented.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { linesWithPersonalData } from '../../support/personal_data_markers.mjs';

const FORCE = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)
const OTHER_OPCC = '7a1c0e52-3d4b-4c1e-9f00-0000000000c5';  // an invented Greater Manchester commissioner's office
const LOGIN = {
  commissioner: ['commissioner@demo.victim-gateway.test', 'demo-commissioner-password'],
  other: ['other.commissioner@invented.test', 'invented-other-commissioner-password'],
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  opccAuditor: ['auditor@opcc.invented.test', 'invented-opcc-auditor-password'],
};
const OPCC = '7a1c0e52-3d4b-4c1e-9f00-000000000005';  // Merseyside's commissioner's office (demo)
const LIVERPOOL = 'E08000012';
const KNOWSLEY = 'E08000011';

let server;
let forceKey;
let month;
const people = {};
const sent = [];

// This month as the server's clock sees it in London: the period the referrals fall in.
const londonMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
  .format(new Date()).slice(0, 7);

// Today in London, YYYY-MM-DD.
const londonDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date());

// Referrals 1 to 5 were reported to the police on 21 November 2026, long before they reach the
// gateway (the 2-working-day police referral breached); 6 to 11 today (met).
async function sendReferral(n, localAuthority) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${forceKey}` },
    body: JSON.stringify({
      channel: 'police', area: 'merseyside', reported_to_police: true,
      police_force_code: 'E23000004', crime_reference: `INSIGHT/${process.pid}/${n}`,
      incident_date: '2026-11-20', date_reported: n <= 5 ? '2026-11-21' : londonDay(), offence_category: 'burglary_residential',
      local_authority: localAuthority,
      victim: { type: 'person', name: `Robin Inventedname${n}`, date_of_birth: `1960-02-${String(n + 1).padStart(2, '0')}`, phone: `0151 496 0${300 + n}` },
      safe_contact: { safe_channels: ['call'], safe_phone: `0151 496 0${300 + n}`, voicemail_allowed: false, may_say_who_we_are: false },
    }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

const period = (area = 'merseyside') => `area=${area}&from=${month}&to=${month}`;
const rowOf = (report, figure, code) => report.figures.find((f) => f.code === figure).rows.find((r) => r.code === code);

before(async () => {
  server = await startServer({
    before: [['users', 'create-organisation', '--id', OTHER_OPCC, '--name', 'Invented GM commissioner office',
      '--kind', 'commissioner', '--areas', 'greater-manchester']],
  });
  const out = vg(['api-keys', 'create', '--org', FORCE], server.env).stdout.trim().split('\n');
  forceKey = out[out.length - 1].trim();
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.other[0], '--name', 'Other Commissioner',
    '--role', 'commissioner', '--organisation', OTHER_OPCC, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.other[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other office has a commissioner: ${created.stderr}`);
  // Another role on the commissioner's side: an auditor in Merseyside's own office.
  const auditor = spawnSync(binary, ['users', 'create', '--email', LOGIN.opccAuditor[0], '--name', 'Office Auditor',
    '--role', 'auditor', '--organisation', OPCC, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.opccAuditor[1]}\n`, encoding: 'utf8' });
  assert.equal(auditor.status, 0, `the office has an auditor: ${auditor.stderr}`);
  month = londonMonth();
  // 11 referrals: 8 in Liverpool, 3 in Knowsley.
  for (let n = 1; n <= 11; n += 1) sent.push(await sendReferral(n, n <= 8 ? LIVERPOOL : KNOWSLEY));
  for (const who of Object.keys(LOGIN)) people[who] = await signedInBrowser(server.url, ...LOGIN[who]);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('demand insight', () => {
  test('the JSON: 11 referrals, Knowsley fewer than 5 and Liverpool hidden with it', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/demand?${period()}`);
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type'), /application\/json/);
    const report = JSON.parse(res.text);
    assert.equal(report.area, 'merseyside');
    assert.deepEqual(report.period, { from: month, to: month });
    assert.deepEqual(report.referrals.current, { state: 'shown', count: 11 });
    assert.deepEqual(rowOf(report, 'local_authority', KNOWSLEY).current, { state: 'fewer_than_threshold' });
    assert.deepEqual(rowOf(report, 'local_authority', LIVERPOOL).current, { state: 'hidden' },
      'else 11 - 8 gives the 3 away');
    assert.deepEqual(rowOf(report, 'channel', 'police').current, { state: 'shown', count: 11 });
    assert.equal(report.suppression_threshold, 5);
    // Figures only: no referral's id, reference or person.
    for (const r of sent) {
      assert.ok(!res.text.includes(r.id), 'no referral id');
      assert.ok(!res.text.includes(r.reference), 'no reference');
    }
    assert.doesNotMatch(res.text, /Inventedname|0151/);
  });

  test('the page: each figure a table with its chart, the 3 as "fewer than 5"', async () => {
    const res = await people.commissioner.get(`/insight?${period()}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /<title>Demand – Insight – /);
    const knowsley = res.text.match(/<th scope="row" class="govuk-table__header">Knowsley<\/th>\s*<td[^>]*>([^<]*)<\/td>/);
    assert.ok(knowsley, 'Knowsley has a row');
    assert.equal(knowsley[1], 'fewer than 5');
    const tables = (res.text.match(/<table class="govuk-table">/g) ?? []).length;
    const charts = (res.text.match(/<svg [^>]*role="img"/g) ?? []).length;
    assert.ok(tables >= 7, `a table per figure (${tables})`);
    assert.ok(charts >= 6, `a chart beside the tables with figures (${charts})`);
    assert.match(res.text, /href="\/insight\/demand.csv\?area=merseyside&amp;from=/);
    assert.doesNotMatch(res.text, /Inventedname|MY-20/);
    // The local authorities also as a map, which hides what the table hides: Knowsley's 3 is
    // hatched "fewer than 5", Liverpool's secondary suppression "hidden", neither shaded.
    const map = res.text.match(/<svg [^>]*class="app-map"[\s\S]*?<\/svg>/);
    assert.ok(map, 'a map of the local authorities');
    assert.match(map[0], /<title id="map-local-authority-title">Referrals by local authority, [^<]*: map of the table beside it<\/title>/);
    assert.match(map[0], /fill="url\(#map-local-authority-hatch\)"[^>]*><title>Knowsley: fewer than 5 referrals<\/title>/);
    assert.match(map[0], /fill="url\(#map-local-authority-hatch\)"[^>]*><title>Liverpool: hidden referrals<\/title>/);
    assert.doesNotMatch(map[0], />Knowsley: 3 /);
  });

  test('the CSV: the same figures, the same words', async () => {
    const res = await people.commissioner.get(`/insight/demand.csv?${period()}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/csv/);
    assert.match(res.headers.get('content-disposition'), /attachment; filename="demand-merseyside-/);
    assert.match(res.text, new RegExp(`,local_authority,${KNOWSLEY},Knowsley,fewer than 5,`));
    assert.match(res.text, new RegExp(`,local_authority,${LIVERPOOL},Liverpool,hidden,`));
    assert.match(res.text, /,referrals,referrals,Referrals received,11,/);
  });

  test('another area\'s commissioner gets nothing of it, and their own area only', async () => {
    for (const path of [`/api/v1/insight/demand?${period()}`, `/insight?${period()}`, `/insight/demand.csv?${period()}`]) {
      const res = await people.other.get(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.text, /Knowsley|fewer than|"count"/, path);
    }
    const own = await people.other.get(`/api/v1/insight/demand?${period('greater-manchester')}`);
    assert.equal(own.status, 200);
    assert.equal(JSON.parse(own.text).referrals.current.state, 'fewer_than_threshold');
    // With no area asked, their own first area.
    const mine = await people.other.get('/api/v1/insight/demand');
    assert.equal(JSON.parse(mine.text).area, 'greater-manchester');
  });

  test('a caseworker is refused', async () => {
    for (const path of [`/api/v1/insight/demand?${period()}`, `/insight?${period()}`, `/insight/demand.csv?${period()}`]) {
      assert.equal((await people.advisor.get(path)).status, 403, path);
    }
  });

  test('bad parameters: a problem naming each, and the page\'s error summary', async () => {
    const res = await people.commissioner.get('/api/v1/insight/demand?from=2026-13&to=soon&colour=red');
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type'), /application\/problem\+json/);
    const fields = JSON.parse(res.text).errors.map((e) => `${e.field}:${e.code}`).sort();
    assert.deepEqual(fields, ['colour:unknown_parameter', 'from:invalid_month', 'to:invalid_month']);
    const page = await people.commissioner.get('/insight?from=2026-05&to=2026-02');
    assert.equal(page.status, 400);
    assert.match(page.text, /<title>Error: Demand/);
    assert.match(page.text, /href="#to"/);
  });

  test('the facts follow the case as it is worked, and hold no personal data', async () => {
    const id = sent[0].id;
    const caseVersion = (html) => hiddenField(html, 'version');
    let page = await people.leader.get(`/cases/${id}`);
    const userId = querySqlite(server, `SELECT id FROM users WHERE email = '${LOGIN.advisor[0]}'`).trim();
    const allocated = await people.leader.post(`/cases/${id}/allocation`, {
      csrf_token: hiddenField((await people.leader.get('/staff')).text, 'csrf_token'), version: caseVersion(page.text), user_id: userId, how: 'chosen' });
    assert.equal(allocated.status, 303);
    page = await people.advisor.get(`/cases/${id}`);
    const called = await people.advisor.post(`/cases/${id}/contact-attempts`, {
      csrf_token: hiddenField((await people.advisor.get('/staff')).text, 'csrf_token'), version: caseVersion(page.text), channel: 'call', outcome: 'reached' });
    assert.equal(called.status, 303, called.text.slice(0, 300));
    assert.notEqual(querySqlite(server, `SELECT contacted_on FROM referral_facts WHERE fact_id = '${id}'`).trim(), '');
    const facts = querySqlite(server, 'SELECT * FROM referral_facts');
    assert.equal(facts.trim().split('\n').length, 11);
    assert.doesNotMatch(facts, /Inventedname|0151|1960-02|INSIGHT\//);
  });
});

describe('support and outcomes', () => {
  const table = (report, code) => report.days_taken.find((t) => t.code === code);

  test('the JSON: days taken in every band, the one contacted today fewer than 5, alike on the demand page', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/support?${period()}`);
    assert.equal(res.status, 200, res.text);
    const report = JSON.parse(res.text);
    assert.equal(report.area, 'merseyside');
    assert.deepEqual(report.period, { from: month, to: month });
    assert.deepEqual(report.days_taken.map((t) => t.code), ['days_to_contact', 'days_to_assessment', 'days_to_support']);
    const contact = table(report, 'days_to_contact');
    assert.deepEqual(contact.rows.map((r) => r.code), ['0', '1', '2', '3_to_5', '6_to_10', '11_to_20', 'over_20']);
    assert.equal(contact.rows[0].label, 'Same day');
    // The one victim reached (the test above), on the day the referral came: fewer than 5.
    assert.deepEqual(contact.rows[0].current, { state: 'fewer_than_threshold' });
    assert.deepEqual(contact.total.current, { state: 'fewer_than_threshold' });
    const demand = JSON.parse((await people.commissioner.get(`/api/v1/insight/demand?${period()}`)).text);
    const contacted = demand.rates.find((r) => r.code === 'contact');
    assert.equal(contacted.current.state, contact.total.current.state, 'the same figure, suppressed alike on both');
    assert.deepEqual(report.needs_at_assessment.columns.map((c) => c.code), ['none', 'low', 'medium', 'high']);
    assert.ok(report.needs_at_assessment.rows.length >= 5, 'a row for every need domain');
    for (const row of report.needs_at_assessment.rows) {
      assert.deepEqual(row.total, { state: 'fewer_than_threshold' }, `${row.label}: nobody assessed yet`);
    }
    assert.deepEqual(report.outcomes_at_close.columns.map((c) => c.code), ['yes', 'partly', 'no']);
    assert.deepEqual(report.onward_referrals.rows, [], 'no one referred on yet');
    // The period before, each matrix on its own: nothing was referred then.
    assert.deepEqual(report.previous_needs_at_assessment.columns.map((c) => c.code), ['none', 'low', 'medium', 'high']);
    assert.deepEqual(report.previous_outcomes_at_close.columns.map((c) => c.code), ['yes', 'partly', 'no']);
    assert.deepEqual(report.previous_onward_referrals.rows, []);
    assert.equal(report.repeat_victims.code, 'repeat_offence_group');
    for (const r of sent) assert.ok(!res.text.includes(r.id), 'no referral id');
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20/);
  });

  test('the page: tables with charts, matrices of needs and outcomes, and its CSV', async () => {
    const res = await people.commissioner.get(`/insight/support?${period()}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.text, /<title>Support and outcomes – Insight – /);
    assert.match(res.text, /Days from referral to first contact/);
    const sameDay = res.text.match(/<th scope="row" class="govuk-table__header">Same day<\/th>\s*<td[^>]*>([^<]*)<\/td>/);
    assert.ok(sameDay, 'a same-day row');
    assert.equal(sameDay[1], 'fewer than 5');
    assert.match(res.text, /<caption[^>]*>Needs at assessment: /);
    assert.match(res.text, /<caption[^>]*>Better able to cope and recover at close, by need: /);
    const charts = (res.text.match(/<svg [^>]*role="img"/g) ?? []).length;
    assert.ok(charts >= 3, `a chart beside each days-taken table (${charts})`);
    assert.match(res.text, /href="\/insight\/support.csv\?area=merseyside&amp;from=/);
    const csv = await people.commissioner.get(`/insight/support.csv?${period()}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="support-merseyside-/);
    assert.match(csv.text, /^area,period,figure,code,label,column,column_label,months,value,state\r\n/);
    assert.match(csv.text, new RegExp(`,days_to_contact,0,Same day,current,This period,${month}/${month},fewer than 5,fewer_than_threshold\r\n`));
    assert.doesNotMatch(csv.text, /Inventedname|0151|MY-20/);
  });

  test('another area\'s commissioner gets nothing of it; a caseworker is refused', async () => {
    for (const path of [`/api/v1/insight/support?${period()}`, `/insight/support?${period()}`, `/insight/support.csv?${period()}`]) {
      const other = await people.other.get(path);
      assert.equal(other.status, 404, path);
      assert.doesNotMatch(other.text, /Same day|fewer than|"count"/, path);
      assert.equal((await people.advisor.get(path)).status, 403, path);
    }
    const bad = await people.commissioner.get('/api/v1/insight/support?from=2026-02&to=2026-01');
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type'), /application\/problem\+json/);
  });
});

describe('by funding stream', () => {
  test('the JSON: each demand figure by stream, every row\'s total the demand figure in the same state', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/streams?${period()}`);
    assert.equal(res.status, 200, res.text);
    const split = JSON.parse(res.text);
    assert.equal(split.area, 'merseyside');
    assert.deepEqual(split.period, { from: month, to: month });
    const demand = JSON.parse((await people.commissioner.get(`/api/v1/insight/demand?${period()}`)).text);
    // The streams are those with referrals: the 11 burglaries are the victims' grant's.
    const streams = demand.figures.find((f) => f.code === 'funding_stream').rows;
    assert.deepEqual(split.referrals.columns.map((c) => c.code), streams.map((r) => r.code));
    assert.deepEqual(split.referrals.rows[0].total, demand.referrals.current);
    split.referrals.columns.forEach((column, i) => {
      assert.deepEqual(split.referrals.rows[0].cells[i], streams.find((r) => r.code === column.code).current, column.code);
    });
    assert.deepEqual(split.figures.map((f) => f.code),
      ['channel', 'offence_group', 'local_authority', 'victim_type', 'age_band', 'flags', 'rates']);
    let compared = 0;
    for (const figure of split.figures) {
      for (const row of figure.rows) {
        const page = figure.code === 'rates'
          ? demand.rates.find((r) => r.code === row.code).current
          : rowOf(demand, figure.code, row.code).current;
        assert.deepEqual(row.total, page, `${figure.code} ${row.code}: the same figure, suppressed alike`);
        assert.equal(row.cells.length, split.referrals.columns.length);
        compared += 1;
      }
    }
    assert.ok(compared >= 15, `every row compared (${compared})`);
    const places = split.figures.find((f) => f.code === 'local_authority');
    // Knowsley's 3 is fewer than 5, and Liverpool's 8 is hidden with it (11 - 8), as on the demand page.
    assert.deepEqual(places.rows.find((r) => r.code === KNOWSLEY).total, { state: 'fewer_than_threshold' });
    assert.deepEqual(places.rows.find((r) => r.code === LIVERPOOL).total, { state: 'hidden' });
    for (const r of sent) assert.ok(!res.text.includes(r.id), 'no referral id');
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20/);
  });

  test('the support figures by stream: each row total is the support page\'s figure, each column the stream\'s rate', async () => {
    const split = JSON.parse((await people.commissioner.get(`/api/v1/insight/streams?${period()}`)).text);
    const support = JSON.parse((await people.commissioner.get(`/api/v1/insight/support?${period()}`)).text);
    const days = split.support_figures.filter((f) => f.code.startsWith('days_to_'));
    assert.deepEqual(days.map((f) => f.code), ['days_to_contact', 'days_to_assessment', 'days_to_support']);
    let compared = 0;
    for (const figure of days) {
      const page = support.days_taken.find((t) => t.code === figure.code);
      for (const row of figure.rows) {
        assert.deepEqual(row.total, page.rows.find((r) => r.code === row.code).current, `${figure.code} ${row.code}`);
        compared += 1;
      }
      assert.deepEqual(figure.total.total, page.total.current, `${figure.code}: its total, suppressed alike`);
    }
    assert.equal(compared, 21, 'every band of the three tables');
    // Each stream's days to contact add up to its contacted, shown or not alike in the rates.
    const contact = split.figures.find((f) => f.code === 'rates').rows.find((r) => r.code === 'contact');
    const contactDays = days[0];
    contactDays.columns.forEach((column, i) => {
      assert.equal(contactDays.total.cells[i].state, contact.cells[i].state, column.code);
    });
    // The needs matrix is the all-streams column of one table per need rated (none yet here).
    for (const figure of split.support_figures.filter((f) => f.code.startsWith('need_at_assessment:'))) {
      const need = support.needs_at_assessment.rows.find((r) => `need_at_assessment:${r.code}` === figure.code);
      assert.ok(need, figure.code);
      figure.rows.forEach((row, i) => assert.deepEqual(row.total, need.cells[i], `${figure.code} ${row.code}`));
    }
    assert.doesNotMatch(JSON.stringify(split.support_figures), /Inventedname|0151|MY-20/);
  });

  test('the page and its CSV', async () => {
    const res = await people.commissioner.get(`/insight/streams?${period()}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.text, /<title>By funding stream – Insight – /);
    assert.match(res.text, /<caption[^>]*>Referrals by local authority and funding stream: /);
    assert.match(res.text, /<th scope="col" class="govuk-table__header govuk-table__header--numeric">All streams<\/th>/);
    assert.match(res.text, /<th scope="col" class="govuk-table__header govuk-table__header--numeric">Victims&apos; grant \(Ministry of Justice\)<\/th>/);
    assert.match(res.text, /href="\/insight\/streams.csv\?area=merseyside&amp;from=/);
    assert.match(res.text, /<h2 class="govuk-heading-m">After referral, by funding stream<\/h2>/);
    assert.match(res.text, /<caption[^>]*>Days from referral to first contact, by funding stream: /);
    const csv = await people.commissioner.get(`/insight/streams.csv?${period()}`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="streams-merseyside-/);
    assert.match(csv.text, /^area,period,figure,code,label,column,column_label,months,value,state\r\n/);
    assert.match(csv.text, new RegExp(`,local_authority,${LIVERPOOL},[^,]*,all_streams,All streams,${month}/${month},hidden,hidden\r\n`));
    assert.match(csv.text, new RegExp(`,local_authority,${KNOWSLEY},[^,]*,victims_grant,[^\r]*,fewer than 5,fewer_than_threshold\r\n`));
    assert.match(csv.text, new RegExp(`,days_to_contact,0,Same day,victims_grant,[^\r]*,fewer than 5,fewer_than_threshold\r\n`));
    assert.doesNotMatch(csv.text, /Inventedname|0151|MY-20/);
  });

  test('another area\'s commissioner gets nothing of it; a caseworker is refused; a bad period is a problem', async () => {
    for (const path of [`/api/v1/insight/streams?${period()}`, `/insight/streams?${period()}`, `/insight/streams.csv?${period()}`]) {
      const other = await people.other.get(path);
      assert.equal(other.status, 404, path);
      assert.doesNotMatch(other.text, /All streams|fewer than|"count"/, path);
      assert.equal((await people.advisor.get(path)).status, 403, path);
    }
    const bad = await people.commissioner.get('/api/v1/insight/streams?from=2026-02&to=2026-01');
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type'), /application\/problem\+json/);
  });
});

describe('capacity and utilisation now', () => {
  const VICTIM_SUPPORT = 'e9b69224-7e3f-49ac-bf4f-f648f58e8927';  // no capacity configured
  const ISVA = '947f705c-0a34-43c4-a890-9fca1ea5d53a';  // capacity 60

  test('the JSON: the 11 open cases routing counts, unlimited; an empty service fewer than 5 of its 60', async () => {
    const res = await people.commissioner.get('/api/v1/insight/capacity?area=merseyside');
    assert.equal(res.status, 200, res.text);
    const report = JSON.parse(res.text);
    assert.equal(report.area, 'merseyside');
    assert.equal(report.as_at, londonDay());
    const support = report.services.find((s) => s.code === VICTIM_SUPPORT);
    assert.equal(support.label, 'Victim Care Merseyside – Victim Support');
    assert.deepEqual(support.open_cases, { state: 'shown', count: 11 });
    assert.ok(!('capacity' in support) && !('percent_used' in support), 'not limited: no capacity, no share');
    const isva = report.services.find((s) => s.code === ISVA);
    assert.equal(isva.capacity, 60);
    assert.deepEqual(isva.open_cases, { state: 'fewer_than_threshold' });
    assert.ok(!('percent_used' in isva), 'no share that would tell a small count');
    // The one case allocated (the facts test above) is its team's only open case: fewer than 5.
    assert.ok(report.teams.length >= 1, 'the demo casework team');
    assert.ok(report.teams.some((team) => team.caseworkers >= 1), 'a team with its caseworkers counted');
    for (const team of report.teams) {
      assert.equal(typeof team.caseworkers, 'number', team.label);
      assert.deepEqual(team.open_cases, { state: 'fewer_than_threshold' }, team.label);
    }
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20|advisor@|leader@/);
  });

  test('the page and its CSV say the same; a period is refused by name', async () => {
    const page = await people.commissioner.get('/insight/capacity?area=merseyside');
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.match(page.text, /<title>Capacity and utilisation – Insight – /);
    const row = page.text.match(/<th scope="row" class="govuk-table__header">Victim Care Merseyside – Victim Support<\/th>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/);
    assert.ok(row, 'a row for the service');
    assert.deepEqual(row.slice(1), ['11', 'not limited', 'not limited']);
    const csv = await people.commissioner.get('/insight/capacity.csv?area=merseyside');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition'), /attachment; filename="capacity-merseyside-/);
    assert.match(csv.text, new RegExp(`,service,${VICTIM_SUPPORT},Victim Care Merseyside – Victim Support,,,11,\r\n`));
    assert.match(csv.text, new RegExp(`,service,${ISVA},[^,]*,,60,fewer than 5,\r\n`));
    const bad = await people.commissioner.get(`/api/v1/insight/capacity?${period()}`);
    assert.equal(bad.status, 400);
    assert.deepEqual(JSON.parse(bad.text).errors.map((e) => e.field).sort(), ['from', 'to']);
  });

  test('another area\'s commissioner gets nothing of it; a caseworker is refused', async () => {
    for (const path of ['/api/v1/insight/capacity?area=merseyside', '/insight/capacity?area=merseyside',
      '/insight/capacity.csv?area=merseyside']) {
      const other = await people.other.get(path);
      assert.equal(other.status, 404, path);
      assert.doesNotMatch(other.text, /Victim Care Merseyside|fewer than|"count"/, path);
      assert.equal((await people.advisor.get(path)).status, 403, path);
    }
  });
});

describe('estimated cost and the grant return', () => {
  test('the cost page: the 11 cases at the configured unit cost, every amount marked an estimate', async () => {
    const res = await people.commissioner.get(`/insight/cost?${period()}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.text, /<title>Estimated cost – Insight – /);
    assert.match(res.text, /Every amount on this page is an estimate/);
    assert.match(res.text, /Cost \(estimate\)/);
    // Burglary goes to Victim Care Merseyside's own service: 120.00 + 3 hours at 26.50 = 199.50 a case.
    const row = res.text.match(/<th scope="row" class="govuk-table__header">Victim Care Merseyside – Victim Support<\/th>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>(?:\s*<td[^>]*>[^<]*<\/td>){2}\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/);
    assert.ok(row, 'a row for the service the referrals went to');
    assert.equal(row[1], 'Ministry of Justice victims&apos; grant');
    assert.equal(row[2], '11');
    assert.equal(row[3], '£199.50');
    assert.equal(row[4], '£2,194.50');
    assert.match(res.text, /href="\/insight\/cost.csv\?area=merseyside&amp;from=/);
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20/);
  });

  test('the cost CSV: the same figures', async () => {
    const res = await people.commissioner.get(`/insight/cost.csv?${period()}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /attachment; filename="cost-merseyside-/);
    assert.match(res.text, /^area,period,service_id,service,funding_stream,/);
    assert.match(res.text, /,e9b69224-7e3f-49ac-bf4f-f648f58e8927,Victim Care Merseyside – Victim Support,victims_grant,Ministry of Justice victims' grant,11,[^,]*,[^,]*,199\.50,2194\.50,199\.50,/);
    assert.match(res.text, /,total,All services,/);
  });

  test('the grant return: exact, for the commissioner who submits it', async () => {
    const res = await people.commissioner.get(`/insight/grant-return.csv?${period()}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.headers.get('content-disposition'), /attachment; filename="grant-return-merseyside-/);
    assert.match(res.text, /^area,period,funding_stream,funding_stream_label,measure,need,outcome,basic,enhanced,total\r\n/);
    assert.match(res.text, new RegExp(`merseyside,${month}/${month},victims_grant,Ministry of Justice victims' grant,referred,,,11,0,11\r\n`));
    assert.match(res.text, /,all,All funding streams,referred,,,11,0,11\r\n/);
    // The one contacted in the earlier test is counted exactly, though fewer than 5.
    assert.match(res.text, /,all,All funding streams,contacted,,,1,0,1\r\n/);
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20|fewer than/);
    const page = await people.commissioner.get(`/insight/grant-return?${period()}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /These figures are exact/);
    assert.match(page.text, /href="\/insight\/grant-return.csv\?area=merseyside&amp;from=/);
  });

  test('a role without the grant-return action is refused it, and another area is not found', async () => {
    for (const who of ['advisor', 'leader']) {
      for (const path of [`/insight/grant-return?${period()}`, `/insight/grant-return.csv?${period()}`]) {
        const res = await people[who].get(path);
        assert.equal(res.status, 403, `${who} ${path}`);
        assert.doesNotMatch(res.text, /referred|,11,/, `${who} ${path}`);
      }
    }
    for (const path of [`/insight/grant-return.csv?${period()}`, `/insight/cost?${period()}`]) {
      const res = await people.other.get(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.text, /199\.50|,11,/, path);
    }
  });
});

describe('insight JSON for cost and the grant return', () => {
  test('the cost JSON: the same figures as the page, amounts in pence, marked estimates', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/cost?${period()}`);
    assert.equal(res.status, 200, res.text);
    const report = JSON.parse(res.text);
    assert.equal(report.estimates, true);
    const row = report.rows.find((r) => r.service_id === 'e9b69224-7e3f-49ac-bf4f-f648f58e8927');
    assert.deepEqual(row.cases, { state: 'shown', count: 11 });
    assert.equal(row.unit_cost_pence, 19950);
    assert.equal(row.estimated_cost_pence, 219450);
    assert.equal(row.supported.state, 'fewer_than_threshold');
    assert.ok(!('per_supported_pence' in row), 'no amount that would tell a small count');
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20/);
    for (const r of sent) assert.ok(!res.text.includes(r.id), 'no referral id');
  });

  test('the grant return JSON: exact, for the commissioner who submits it', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/grant-return?${period()}`);
    assert.equal(res.status, 200, res.text);
    const report = JSON.parse(res.text);
    assert.deepEqual(report.all.referred, { basic: 11, enhanced: 0, all: 11 });
    assert.deepEqual(report.all.contacted, { basic: 1, enhanced: 0, all: 1 }, 'exact, though fewer than 5');
    assert.equal(report.streams[0].funding_stream, 'victims_grant');
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20|fewer_than/);
  });

  test('the grant return JSON: refused to a caseworker and to the office\'s auditor; another area\'s commissioner gets nothing', async () => {
    for (const who of ['advisor', 'opccAuditor']) {
      const res = await people[who].get(`/api/v1/insight/grant-return?${period()}`);
      assert.equal(res.status, 403, who);
      assert.match(res.headers.get('content-type'), /application\/problem\+json/);
      assert.doesNotMatch(res.text, /referred|"basic"/, who);
    }
    const other = await people.other.get(`/api/v1/insight/grant-return?${period()}`);
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.text, /referred|"basic"|merseyside"/);
    // Their own area's return is theirs (and empty).
    const own = await people.other.get(`/api/v1/insight/grant-return?${period('greater-manchester')}`);
    assert.equal(own.status, 200);
    assert.deepEqual(JSON.parse(own.text).all.referred, { basic: 0, enhanced: 0, all: 0 });
    for (const path of [`/api/v1/insight/cost?${period()}`, `/api/v1/insight/compliance?${period()}`]) {
      assert.equal((await people.other.get(path)).status, 404, path);
      assert.equal((await people.advisor.get(path)).status, 403, path);
      assert.equal((await people.opccAuditor.get(path)).status, 403, path);
    }
  });
});

describe("Victims' Code compliance", () => {
  const entitlement = (report, code) => report.entitlements.find((e) => e.code === code);

  test('the JSON: referred within 2 working days of the report for 6 of 11; nothing to show is not recorded', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/compliance?${period()}`);
    assert.equal(res.status, 200, res.text);
    const report = JSON.parse(res.text);
    assert.equal(report.area, 'merseyside');
    assert.deepEqual(report.entitlements.map((e) => e.code),
      ['police_referral', 'first_contact', 'needs_assessment', 'restorative_justice', 'enhanced_rights']);
    const police = entitlement(report, 'police_referral');
    assert.equal(police.recorded, true);
    assert.deepEqual(police.all.current.met, { state: 'shown', count: 6 });
    assert.deepEqual(police.all.current.breached, { state: 'shown', count: 5 });
    assert.deepEqual(police.all.current.evidenced, { state: 'shown', count: 11 });
    assert.ok(Math.abs(police.all.current.percent_met - 54.545) < 0.01);
    assert.equal(police.services.length, 1);
    assert.equal(police.services[0].service, 'Victim Care Merseyside – Victim Support');
    // All services by funding stream: the 11 are the victims' grant's, suppressed as the line for all.
    assert.deepEqual(police.funding_streams.map((l) => [l.funding_stream, l.label]),
      [['victims_grant', "Victims' grant (Ministry of Justice)"]]);
    assert.deepEqual(police.funding_streams[0].current, police.all.current);
    // Nothing in the period before: small, and no share or change to compare.
    assert.equal(police.all.previous.evidenced.state, 'fewer_than_threshold');
    assert.ok(!('change_percentage_points' in police.all));
    // The one victim contacted on the day: met, but fewer than 5.
    assert.deepEqual(entitlement(report, 'first_contact').all.current.met, { state: 'fewer_than_threshold' });
    // No case has a restorative justice record or has closed: not recorded, no figures.
    assert.deepEqual(entitlement(report, 'restorative_justice'), {
      code: 'restorative_justice', label: 'Told about restorative justice', recorded: false });
    assert.equal(entitlement(report, 'enhanced_rights').recorded, false);
    for (const r of sent) assert.ok(!res.text.includes(r.id), 'no referral id');
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20/);
  });

  test('the page: each entitlement a table with its chart, "not recorded" in words', async () => {
    const res = await people.commissioner.get(`/insight/compliance?${period()}`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(res.text, /<title>Victims&apos; Code compliance – Insight – /);
    const row = res.text.match(/<th scope="row" class="govuk-table__header">All services<\/th>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/);
    assert.ok(row, 'an all-services line');
    assert.deepEqual(row.slice(1), ['6', '5', '54.5%']);
    assert.match(res.text, /data-not-recorded="restorative_justice"/);
    assert.match(res.text, /Not recorded: nothing in either period evidences this entitlement/);
    const charts = (res.text.match(/<svg [^>]*role="img"/g) ?? []).length;
    const tables = (res.text.match(/<table class="govuk-table">/g) ?? []).length;
    assert.equal(tables, 2 * charts, 'for each entitlement recorded, services and streams beside one chart');
    assert.ok(charts >= 2);
    assert.match(res.text, /<caption[^>]*>Referred to support within 2 working days of the report, all services by funding stream: /);
    assert.match(res.text, /<th scope="row" class="govuk-table__header">Victims&apos; grant \(Ministry of Justice\)<\/th>/);
    assert.match(res.text, /href="\/insight\/compliance.csv\?area=merseyside&amp;from=/);
    assert.doesNotMatch(res.text, /Inventedname|0151|MY-20/);
  });

  test('the CSV: the same figures, the same words', async () => {
    const res = await people.commissioner.get(`/insight/compliance.csv?${period()}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /attachment; filename="compliance-merseyside-/);
    assert.match(res.text, /^area,period,previous_period,entitlement,entitlement_label,service_id,service,funding_stream,funding_stream_label,met,breached,evidenced,percent_met,/);
    assert.match(res.text, /,police_referral,Referred to support within 2 working days of the report,total,All services,all_streams,All streams,6,5,11,54\.5,fewer than 5,fewer than 5,fewer than 5,,\r\n/);
    assert.match(res.text, /,police_referral,Referred to support within 2 working days of the report,total,All services,victims_grant,Victims' grant \(Ministry of Justice\),6,5,11,54\.5,/);
    assert.match(res.text, /,restorative_justice,Told about restorative justice,total,All services,all_streams,All streams,not recorded,/);
  });

  test('another area\'s commissioner and a caseworker get nothing of it', async () => {
    for (const path of [`/insight/compliance?${period()}`, `/insight/compliance.csv?${period()}`]) {
      const other = await people.other.get(path);
      assert.equal(other.status, 404, path);
      assert.doesNotMatch(other.text, /54\.5|Victim Care Merseyside/, path);
      assert.equal((await people.advisor.get(path)).status, 403, path);
    }
  });
});

describe('demand per 1,000 residents', () => {
  test('beside the local authorities where population figures are configured, never beside a suppressed count', async () => {
    const res = await people.commissioner.get(`/api/v1/insight/demand?${period()}`);
    const report = JSON.parse(res.text);
    assert.match(report.population_source, /Illustrative round figures/);
    // Knowsley's 3 and Liverpool's 8 (hidden with it) are not shown, so neither is their rate.
    for (const code of [KNOWSLEY, LIVERPOOL]) {
      assert.ok(!('current_per_1000_residents' in rowOf(report, 'local_authority', code)), code);
    }
    const page = await people.commissioner.get(`/insight?${period()}`);
    assert.match(page.text, /Per 1,000 residents, /);
    assert.match(page.text, /from population figures: Illustrative round figures/);
    const knowsley = page.text.match(/<th scope="row" class="govuk-table__header">Knowsley<\/th>(?:\s*<td[^>]*>[^<]*<\/td>){3}\s*<td[^>]*>([^<]*)<\/td>/);
    assert.equal(knowsley[1], 'not shown');
    const csv = await people.commissioner.get(`/insight/demand.csv?${period()}`);
    assert.match(csv.text, /,current_per_1000_residents,previous_per_1000_residents\r\n/);
    assert.match(csv.text, new RegExp(`,local_authority,${KNOWSLEY},Knowsley,fewer than 5,fewer than 5,hidden,,,,\r\n`));
  });
});

describe('authorization: a commissioner gets figures only', () => {
  test('no page, CSV or JSON of insight holds personal data, a referral id or a reference', async () => {
    const paths = ['/insight', '/insight/demand.csv', '/insight/support', '/insight/support.csv',
      '/api/v1/insight/support', '/insight/streams', '/insight/streams.csv', '/api/v1/insight/streams',
      '/insight/capacity', '/insight/capacity.csv', '/api/v1/insight/capacity', '/insight/cost', '/insight/cost.csv', '/insight/compliance',
      '/insight/compliance.csv', '/insight/grant-return', '/insight/grant-return.csv', '/api/v1/insight/demand',
      '/api/v1/insight/cost', '/api/v1/insight/compliance', '/api/v1/insight/grant-return'];
    for (const path of paths) {
      // Capacity is as it stands now: its question has no months.
      const res = await people.commissioner.get(`${path}?${path.includes('capacity') ? 'area=merseyside' : period()}`);
      assert.equal(res.status, 200, path);
      assert.deepEqual(linesWithPersonalData(res.text), [], path);
      assert.doesNotMatch(res.text, /1960-02|INSIGHT\/|MY-20\d\d-/, path);
      for (const r of sent) assert.ok(!res.text.includes(r.id), `${path}: no referral id`);
    }
  });
});
