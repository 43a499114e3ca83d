// Possible duplicates over plain HTTP against a real server and database: the force and a partner
// refer one invented person for one crime, so the intake holds the partner's referral as a possible
// duplicate; the advisor the team leader allocated both to sees which details match, checks, and
// merges (the case received first carries on; a stale copy of either case is refused with 409);
// the surviving case shows the merged one's timeline under its reference; the merge is undone
// exactly; "not the same person" needs a reason and empties the queue's filter. The partner and
// another hub learn nothing of the force's case: no candidate, 404 on every merge route.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { binary, querySqlite, startServer, vg } from '../../support/server.mjs';
import { hiddenField, signedInBrowser } from '../../support/browser.mjs';
import { errorSummaryLinks } from '../../support/html.mjs';

const ORG = {
  force: '7a1c0e52-3d4b-4c1e-9f00-000000000003',     // Merseyside Police (demo)
  partner: '7a1c0e52-3d4b-4c1e-9f00-000000000004',   // RASA Merseyside (demo)
  otherHub: '7a1c0e52-3d4b-4c1e-9f00-0000000000c7',  // an invented second Merseyside gateway
};
const LOGIN = {
  advisor: ['advisor@demo.victim-gateway.test', 'demo-advisor-password'],
  leader: ['leader@demo.victim-gateway.test', 'demo-leader-password'],
  partner: ['partner@demo.victim-gateway.test', 'demo-partner-password'],
  other: ['other.merger@example.com', 'other-merger-password-1'],
};
const CHANNEL = { force: 'police', partner: 'partner' };

let server;
const keys = {};
const people = {};
let crime = 0;

// One invented person, one crime, as `who` sends it. 0151 496 0xxx are Ofcom drama numbers.
function referral(who, crimeReference, victim = {}) {
  return {
    channel: CHANNEL[who], area: 'merseyside', reported_to_police: true,
    police_force_code: 'E23000004', crime_reference: crimeReference,
    incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
    local_authority: 'E08000012',
    victim: { type: 'person', name: 'Jordan Inventedmerge', date_of_birth: '1971-06-07', phone: '0151 496 0456', ...victim },
  };
}

async function send(who, body) {
  const res = await fetch(`${server.url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[who]}` },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

async function signIn([email, password]) {
  const browser = await signedInBrowser(server.url, email, password);
  const home = await browser.get('/staff');
  assert.equal(home.status, 200, `signed in as ${email}`);
  browser.csrf = hiddenField(home.text, 'csrf_token');
  return browser;
}

const sql = (q) => querySqlite(server, q).trim();
const userId = (email) => sql(`SELECT id FROM users WHERE email = '${email}'`);
const caseRow = (id, column) => sql(`SELECT ${column} FROM cases WHERE id = '${id}'`);
const post = (browser, path, fields) => browser.post(path, { csrf_token: browser.csrf, ...fields });
const version = (html) => hiddenField(html, 'version');

// Every row either case has, table by table: a merge and its undo must keep them all.
function rowsOf(id) {
  const count = (table) => Number(sql(`SELECT count(*) FROM ${table} WHERE case_id = '${id}'`));
  return {
    contact_attempts: Number(sql(`SELECT count(*) FROM case_events WHERE case_id = '${id}' AND kind = 'contact_attempt'`)),
    deadlines: count('case_deadlines'),
    tasks: count('case_tasks'),
    onward_referrals: count('onward_referrals'),
    notes: count('case_notes'),
  };
}

// The police referral, then the partner's of the same crime and person: the partner's is held.
async function pair() {
  crime += 1;
  const reference = `MERGE/${process.pid}/${crime}`;
  // A person of their own per pair: the intake links one person's referrals across crimes.
  const person = { date_of_birth: `1971-06-${String(crime).padStart(2, '0')}`, phone: `0151 496 0${400 + crime}` };
  const police = await send('force', referral('force', reference, person));
  const partner = await send('partner', referral('partner', reference, person));
  assert.equal(sql(`SELECT possible_duplicate_of FROM referrals WHERE id = '${partner.id}'`), police.id);
  assert.equal(caseRow(partner.id, 'possible_duplicate'), '1');
  for (const id of [police.id, partner.id]) {
    const page = await people.leader.get(`/cases/${id}`);
    const done = await post(people.leader, `/cases/${id}/allocation`, { version: version(page.text), user_id: userId(LOGIN.advisor[0]), how: 'chosen' });
    assert.equal(done.status, 303);
  }
  return { police, partner };
}

before(async () => {
  server = await startServer({
    before: [['users', 'create-organisation', '--id', ORG.otherHub, '--name', 'Invented third hub', '--kind', 'gateway',
      '--areas', 'merseyside']],
  });
  for (const who of ['force', 'partner']) {
    const out = vg(['api-keys', 'create', '--org', ORG[who]], server.env).stdout.trim().split('\n');
    keys[who] = out[out.length - 1].trim();
  }
  const created = spawnSync(binary, ['users', 'create', '--email', LOGIN.other[0], '--name', 'Other Merger',
    '--role', 'gateway_advisor', '--organisation', ORG.otherHub, '--password-stdin'],
  { env: { ...process.env, ...server.env }, input: `${LOGIN.other[1]}\n`, encoding: 'utf8' });
  assert.equal(created.status, 0, `the other hub has an advisor: ${created.stderr}`);
  for (const who of ['leader', 'advisor', 'partner', 'other']) people[who] = await signIn(LOGIN[who]);
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

describe('merging possible duplicates', () => {
  test('the advisor merges the later case into the first, every row kept, then undoes it exactly', async () => {
    const { police, partner } = await pair();
    const { advisor } = people;
    // A contact attempt on each, so there is history to keep.
    for (const id of [police.id, partner.id]) {
      const page = await advisor.get(`/cases/${id}`);
      const tried = await post(advisor, `/cases/${id}/contact-attempts`, { version: version(page.text), channel: 'call', outcome: 'no_answer' });
      assert.equal(tried.status, 303);
    }
    const before = { police: rowsOf(police.id), partner: rowsOf(partner.id) };

    const list = await advisor.get(`/cases/${partner.id}/duplicates`);
    assert.equal(list.status, 200);
    assert.match(list.text, new RegExp(police.reference));
    assert.match(list.text, /Same name, date of birth, phone number and crime reference/);
    assert.match(list.text, new RegExp(`Merge this case into ${police.reference}`));
    const partnerVersion = version(list.text);
    const policeVersion = hiddenField(list.text, 'other_version');

    // Check answers first: nothing is stored until the person confirms.
    const check = await post(advisor, `/cases/${partner.id}/duplicates/merge`, { step: 'check', version: partnerVersion, other: police.id, other_version: policeVersion });
    assert.equal(check.status, 200);
    assert.match(check.text, new RegExp(`Check before merging ${partner.reference} into ${police.reference}`));
    assert.equal(caseRow(partner.id, 'status'), 'open');

    // A stale copy of the other case is refused, and nothing lands.
    const stale = await post(advisor, `/cases/${partner.id}/duplicates/merge`, { step: 'confirm', version: partnerVersion, other: police.id, other_version: String(Number(policeVersion) - 1) });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /changed (this|the other) case since you opened it/);
    assert.equal(sql('SELECT count(*) FROM case_merges'), '0');

    const merged = await post(advisor, `/cases/${partner.id}/duplicates/merge`, { step: 'confirm', version: partnerVersion, other: police.id, other_version: policeVersion });
    assert.equal(merged.status, 303);
    assert.equal(caseRow(partner.id, 'status'), 'merged');
    assert.equal(caseRow(partner.id, 'possible_duplicate'), '0');
    assert.equal(caseRow(police.id, 'status'), 'open');
    assert.equal(sql(`SELECT surviving_case_id || '>' || merged_case_id FROM case_merges`), `${police.id}>${partner.id}`);
    assert.deepEqual({ police: rowsOf(police.id), partner: rowsOf(partner.id) }, before, 'every row stays with its own case');

    // Audited with ids and codes only.
    const audit = sql(`SELECT action || ' ' || entity_id || ' ' || detail FROM audit_log WHERE action = 'case.merged' ORDER BY seq`);
    assert.match(audit, new RegExp(police.id));
    assert.match(audit, new RegExp(partner.id));
    assert.doesNotMatch(audit, /Jordan|Inventedmerge|0151/);

    // The surviving case shows the merged one's timeline under its reference; the merged case
    // says where it went; the queue no longer lists it.
    const surviving = await advisor.get(`/cases/${police.id}`);
    assert.match(surviving.text, new RegExp(`Timeline of ${partner.reference}, merged into this case`));
    const gone = await advisor.get(`/cases/${partner.id}`);
    assert.match(gone.text, new RegExp(`Merged into <a[^>]*>${police.reference}</a>`));
    assert.doesNotMatch(gone.text, /Record a contact attempt/, 'a merged case takes no more work');
    const queue = await people.leader.get('/cases');
    assert.doesNotMatch(queue.text, new RegExp(partner.reference));
    assert.match(queue.text, new RegExp(police.reference));
    // Working on a merged case is refused.
    const refused = await post(advisor, `/cases/${partner.id}/contact-attempts`, { version: version(gone.text), channel: 'call', outcome: 'no_answer' });
    assert.equal(refused.status, 409);

    // Undo: the merged case is live again with its own version bumped; nothing is lost.
    const mergedVersion = caseRow(partner.id, 'version');
    const undone = await post(advisor, `/cases/${partner.id}/merge/undo`, { version: version(gone.text), surviving_version: hiddenField(gone.text, 'surviving_version') });
    assert.equal(undone.status, 303);
    assert.equal(caseRow(partner.id, 'status'), 'open');
    assert.equal(caseRow(partner.id, 'possible_duplicate'), '1');
    assert.equal(Number(caseRow(partner.id, 'version')), Number(mergedVersion) + 1);
    assert.equal(caseRow(police.id, 'allocated_to'), userId(LOGIN.advisor[0]));
    assert.equal(sql('SELECT count(*) FROM case_merges WHERE undone_at IS NOT NULL'), '1', 'the merge is kept, stamped undone');
    assert.deepEqual({ police: rowsOf(police.id), partner: rowsOf(partner.id) }, before);
    assert.match(sql(`SELECT group_concat(action) FROM audit_log WHERE action = 'case.unmerged'`), /case\.unmerged/);
    const back = await people.leader.get('/cases?possible_duplicate=yes');
    assert.match(back.text, new RegExp(partner.reference));
  });

  test('"not the same person" needs a reason, then the queue filter lets both go', async () => {
    const { police, partner } = await pair();
    const { advisor } = people;
    const list = await advisor.get(`/cases/${police.id}/duplicates`);
    assert.match(list.text, /Merge into this case/);
    const fields = { version: version(list.text), other: partner.id, other_version: hiddenField(list.text, 'other_version') };
    const missing = await post(advisor, `/cases/${police.id}/duplicates/not-same`, fields);
    assert.equal(missing.status, 422);
    assert.deepEqual(errorSummaryLinks(missing.text).map((l) => l.anchor), [`reason-${partner.id}`]);
    assert.match(missing.text, /<title>Error: /);
    const decided = await post(advisor, `/cases/${police.id}/duplicates/not-same`, { ...fields, reason: 'confirmed_with_victim' });
    assert.equal(decided.status, 303);
    assert.equal(caseRow(partner.id, 'possible_duplicate'), '0');
    const queue = await people.leader.get('/cases?possible_duplicate=yes');
    assert.doesNotMatch(queue.text, new RegExp(partner.reference));
    const after = await advisor.get(`/cases/${police.id}/duplicates`);
    assert.match(after.text, /There are no possible duplicates of this case to decide/);
    assert.match(after.text, /The victim confirmed they are different people/);
  });

  test('one person referred for two crimes by two senders is linked by name, birth date and phone', async () => {
    crime += 1;
    const person = { date_of_birth: `1972-07-${String(crime).padStart(2, '0')}`, phone: `0151 496 0${500 + crime}` };
    // The partner first, then the force for another crime: the force's referral is never the one
    // held, so the partner's is.
    const partner = await send('partner', referral('partner', `MERGE/${process.pid}/${crime}/a`, person));
    const police = await send('force', referral('force', `MERGE/${process.pid}/${crime}/b`, person));
    assert.equal(caseRow(police.id, 'possible_duplicate'), '0');
    assert.equal(caseRow(partner.id, 'possible_duplicate'), '1');
    assert.equal(sql(`SELECT possible_duplicate_of FROM referrals WHERE id = '${partner.id}'`), police.id);
    // A third referral by the partner, same person spelt otherwise, another crime: flagged itself.
    const third = await send('partner', referral('partner', `MERGE/${process.pid}/${crime}/c`,
      { ...person, name: '  jordan   INVENTEDMERGE ', phone: `+44 151 496 0${500 + crime}` }));
    assert.equal(sql(`SELECT possible_duplicate_of FROM referrals WHERE id = '${third.id}'`), partner.id);
    // Nothing readable is kept in the index: digests only.
    assert.equal(sql(`SELECT count(*) FROM person_match_keys WHERE referral_id = '${third.id}'`), '2');
    assert.equal(sql(`SELECT count(*) FROM person_match_keys WHERE digest LIKE '%jordan%' OR digest LIKE '%496%'`), '0');
    const page = await people.leader.get(`/cases/${police.id}/duplicates`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(partner.reference));
    assert.match(page.text, /Same name, date of birth and phone number/);
  });

  test('another organisation learns nothing: no candidate, 404 on every merge route', async () => {
    const { police, partner } = await pair();
    // The partner may read its own referral's case, but never the force's, nor that it exists.
    const own = await people.partner.get(`/cases/${partner.id}/duplicates`);
    assert.equal(own.status, 200);
    assert.doesNotMatch(own.text, new RegExp(police.reference));
    assert.doesNotMatch(own.text, new RegExp(police.id));
    assert.match(own.text, /There are no possible duplicates of this case to decide/);
    for (const who of ['partner', 'other']) {
      const browser = people[who];
      const merge = { version: '1', other: police.id, other_version: '1' };
      for (const [path, fields] of [
        [`/cases/${partner.id}/duplicates/merge`, { step: 'check', ...merge }],
        [`/cases/${partner.id}/duplicates/merge`, { step: 'confirm', ...merge }],
        [`/cases/${police.id}/duplicates/merge`, { step: 'confirm', ...merge, other: partner.id }],
        [`/cases/${partner.id}/duplicates/not-same`, { ...merge, reason: 'confirmed_with_victim' }],
        [`/cases/${partner.id}/merge/undo`, { version: '1', surviving_version: '1' }],
      ]) {
        const res = await post(browser, path, fields);
        assert.equal(res.status, 404, `${who} POST ${path}`);
        assert.doesNotMatch(res.text, new RegExp(police.reference));
      }
      const theirs = await browser.get(`/cases/${police.id}/duplicates`);
      assert.equal(theirs.status, 404, `${who} GET the force's case duplicates`);
    }
    const other = await people.other.get(`/cases/${partner.id}/duplicates`);
    assert.equal(other.status, 404);
    assert.equal(caseRow(partner.id, 'status'), 'open');
    assert.equal(sql(`SELECT count(*) FROM case_merges WHERE merged_case_id = '${partner.id}'`), '0');
  });
});
