// P5's measuring half (bench/run-insight sets up the data and the server): the commissioner's
// dashboard (the Demand, Support and outcomes, Estimated cost and Victims' Code compliance pages for one area and
// period, each compared with the period before) against the bare sqlite3 CLI working out the
// same aggregates from the same file. One JSON line on stdout per call.
//   node bench/insight_dashboard.mjs warm   URL DB  the mix of periods, each once both ways
//   node bench/insight_dashboard.mjs page   URL DB  one dashboard for the last 12 months
//   node bench/insight_dashboard.mjs cli    -   DB  the CLI once for the last 12 months (no server)
//   node bench/insight_dashboard.mjs total  URL DB  this month's referrals as the API shows them
//                                                   and as the facts count them
// Loopback only; every loop is bounded by the mix's fixed length.
import { spawnSync } from 'node:child_process';
import { signedInBrowser } from '../tests/support/browser.mjs';

const [phase, url, db] = process.argv.slice(2);
const AREA = 'merseyside';
const COMMISSIONER = ['commissioner@demo.victim-gateway.test', 'demo-commissioner-password'];
const THIS_MONTH = process.env.VG_BENCH_MONTH ?? new Date().toISOString().slice(0, 7);

const monthAdd = (ym, n) => {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};
const period = (last, months) => ({ from: monthAdd(last, 1 - months), to: last });
const previous = (p, months) => ({ from: monthAdd(p.from, -months), to: monthAdd(p.from, -1) });

// The aggregates the store works out when it counts from the facts (store/sql/sql_insight.h,
// count_demand and count_groups), for the period and the one before, as plain SQL (the store
// expands needs, outcomes and onward referrals and bands the days itself; here SQLite's json_each
// and julianday do it): what the CLI is timed on.
const FLAGS = ['enhanced', 'vulnerable', 'repeat_victim', 'dash_high', 'domestic_abuse', 'hate_crime', 'sexual_offence',
  'non_crime_asb'];
const DIMENSIONS = ['channel', 'offence_group', 'local_authority', 'victim_type', 'age_band', 'funding_stream'];
const met = (c) => `COALESCE(SUM(CASE WHEN ${c} THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN NOT ${c} THEN 1 ELSE 0 END), 0)`;
function aggregatesSql(p) {
  const where = `FROM referral_facts WHERE area = '${AREA}' AND received_month >= '${p.from}' AND received_month <= '${p.to}'`;
  const totals = `SELECT COUNT(*), COALESCE(SUM(CASE WHEN accepted THEN 1 ELSE 0 END), 0), `
    + `COALESCE(SUM(CASE WHEN contacted_on IS NOT NULL THEN 1 ELSE 0 END), 0), `
    + `COALESCE(SUM(CASE WHEN supported_on IS NOT NULL THEN 1 ELSE 0 END), 0)`
    + FLAGS.map((f) => `, COALESCE(SUM(CASE WHEN ${f} THEN 1 ELSE 0 END), 0)`).join('') + ` ${where};`;
  const by = DIMENSIONS.map((d) => `SELECT '${d}', ${d}, COUNT(*) ${where} GROUP BY ${d}`).join(' UNION ALL ') + ';';
  const groups = `SELECT service_id, funding_stream, enhanced, COUNT(*), `
    + `COALESCE(SUM(CASE WHEN contacted_on IS NOT NULL THEN 1 ELSE 0 END), 0), `
    + `COALESCE(SUM(CASE WHEN supported_on IS NOT NULL THEN 1 ELSE 0 END), 0), `
    + `COALESCE(SUM(CASE WHEN closed_on IS NOT NULL THEN 1 ELSE 0 END), 0), `
    + `COALESCE(SUM(CASE WHEN assessed_on IS NOT NULL THEN 1 ELSE 0 END), 0), `
    + [met('first_contact_met'), met('needs_assessment_met'), met('police_referral_met'), met('restorative_justice_met')].join(', ')
    + ` ${where} GROUP BY service_id, funding_stream, enhanced;`;
  const outcomesByGroup = `SELECT service_id, funding_stream, enhanced, o.key, o.value, COUNT(*) `
    + `FROM referral_facts, json_each(referral_facts.outcomes) o WHERE area = '${AREA}' AND received_month >= '${p.from}' `
    + `AND received_month <= '${p.to}' GROUP BY service_id, funding_stream, enhanced, o.key, o.value;`;
  const days = ['contacted_on', 'assessed_on', 'supported_on'].map((c) => `SELECT '${c}', `
    + `CAST(julianday(${c}) - julianday(received_on) AS INTEGER) AS d, COUNT(*) ${where} AND ${c} IS NOT NULL GROUP BY d`)
    .join(' UNION ALL ') + ';';
  const each = (column) => `FROM referral_facts, json_each(referral_facts.${column}) j WHERE area = '${AREA}' `
    + `AND received_month >= '${p.from}' AND received_month <= '${p.to}'`;
  const support = `SELECT 'need', j.key, j.value, COUNT(*) ${each('needs_at_assessment')} GROUP BY j.key, j.value `
    + `UNION ALL SELECT 'outcome', j.key, j.value, COUNT(*) ${each('outcomes')} GROUP BY j.key, j.value `
    + `UNION ALL SELECT 'onward', j.value, '', COUNT(*) ${each('onward_services')} GROUP BY j.value `
    + `UNION ALL SELECT 'repeat', offence_group, '', COUNT(*) ${where} AND repeat_victim GROUP BY offence_group;`;
  return [totals, by, groups, outcomesByGroup, days, support].join('\n');
}

function cli(p, months) {
  const sql = aggregatesSql(p) + '\n' + aggregatesSql(previous(p, months));
  const started = process.hrtime.bigint();
  const run = spawnSync('sqlite3', [db], { input: sql, maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`sqlite3: ${run.stderr}`);
  return ms;
}

async function dashboard(browser, p) {
  const q = `?area=${AREA}&from=${p.from}&to=${p.to}`;
  const pages = [];
  for (const path of ['/insight', '/insight/support', '/insight/cost', '/insight/compliance']) {
    let started = process.hrtime.bigint();
    let res;
    try {
      res = await browser.get(path + q);
    } catch (e) {
      // A keep-alive connection the server closed while the CLI ran (a 12-month CLI run can
      // outlast the server's idle timeout): asked again on a new one, timed from there. A server
      // that is down fails again.
      if (e?.cause?.code !== 'UND_ERR_SOCKET') throw e;
      started = process.hrtime.bigint();
      res = await browser.get(path + q);
    }
    pages.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (res.status !== 200) throw new Error(`${path}${q}: ${res.status}`);
  }
  return { ms: pages.reduce((a, b) => a + b, 0), slowest_page_ms: Math.max(...pages), pages };
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x) => Math.round(x * 100) / 100;

const browser = phase === 'cli' ? null : await signedInBrowser(url, ...COMMISSIONER);
if (phase === 'warm') {
  // Whole months of 1, 3 and 12 ending at each month of the last year: 36 periods, most of
  // them sharing no figures with the one before.
  const mix = [];
  for (const months of [1, 3, 12]) for (let back = 0; back < 12; ++back) mix.push([period(monthAdd(THIS_MONTH, -back), months), months]);
  mix.sort((a, b) => (a[0].to + a[1]).localeCompare(b[0].to + b[1]));
  await dashboard(browser, mix[0][0]);
  cli(mix[0][0], mix[0][1]);  // both warmed once
  const pages = [];
  const each = [];  // every page answer
  const clis = [];
  for (const [p, months] of mix) {
    const d = await dashboard(browser, p);
    pages.push(d.ms);
    each.push(...d.pages);
    clis.push(cli(p, months));
  }
  console.log(JSON.stringify({
    phase, periods: mix.length,
    dashboard_p50_ms: round(quantile(pages, 0.5)), dashboard_max_ms: round(Math.max(...pages)),
    page_p50_ms: round(quantile(each, 0.5)), page_p95_ms: round(quantile(each, 0.95)), page_max_ms: round(Math.max(...each)),
    cli_p50_ms: round(quantile(clis, 0.5)), cli_max_ms: round(Math.max(...clis)),
    ratio: Number((quantile(pages, 0.5) / quantile(clis, 0.5)).toPrecision(2)),
  }));
} else if (phase === 'page') {
  const d = await dashboard(browser, period(THIS_MONTH, 12));
  console.log(JSON.stringify({ phase, dashboard_ms: round(d.ms), page_max_ms: round(d.slowest_page_ms) }));
} else if (phase === 'cli') {
  console.log(JSON.stringify({ phase, cli_ms: round(cli(period(THIS_MONTH, 12), 12)) }));
} else if (phase === 'total') {
  const res = await browser.get(`/api/v1/insight/demand?area=${AREA}&from=${THIS_MONTH}&to=${THIS_MONTH}`);
  const shown = JSON.parse(res.text);
  const counted = spawnSync('sqlite3', [db, `SELECT COUNT(*) FROM referral_facts WHERE area = '${AREA}' AND received_month = '${THIS_MONTH}'`]);
  console.log(JSON.stringify({ phase, shown: shown.referrals?.current?.count ?? null,
    counted: Number(String(counted.stdout).trim()), status: res.status }));
} else {
  throw new Error(`unknown phase ${phase}`);
}
