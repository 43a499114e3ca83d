// The public pages as a person in danger meets them, over plain HTTP against a real server:
// the self-referral is reachable from every directory page, the privacy notice covers it, titles
// and the advice route's addresses never name a crime (browser history is read by abusers), every
// public page links to "cover your tracks", and search boxes never echo control characters.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sourceDir, startServer } from '../../support/server.mjs';
import { errorSummaryLinks, formBody } from '../../support/html.mjs';

let server;
let serviceId;
let serviceName;

before(async () => {
  server = await startServer();
  const list = await (await fetch(`${server.url}/api/v1/services?search=rape&per_page=1`)).json();
  serviceId = list.contents[0].id;
  serviceName = list.contents[0].name;
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

async function get(path) {
  const res = await fetch(server.url + path, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function post(path, fields) {
  const res = await fetch(server.url + path, {
    method: 'POST', redirect: 'manual', body: formBody(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)[1];

// What a title must never say: the kinds of crime a person can choose, and the words of them.
const CRIME_WORDS = /domestic|abuse|rape|sexual|hate|stalk|harass|burglary|exploitation|grooming|fraud|scam|robbery|assault|violen|murder|homicide/i;

describe('Ask for support (/refer) is reachable', () => {
  test('the home page, search results and service pages link to it', async () => {
    for (const path of ['/', '/find-support?keywords=support', `/find-support/services/${serviceId}`]) {
      const page = await get(path);
      assert.equal(page.status, 200, path);
      assert.match(page.text, /<a [^>]*href="\/refer"[^>]*>[^<]*Ask for support[^<]*<\/a>/, `${path} links to /refer`);
    }
  });

  test('the privacy notice says what /refer collects, who receives it and how long it is kept', async () => {
    const page = await get('/privacy');
    assert.equal(page.status, 200);
    const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(text, /Asking for support/);
    assert.match(text, /contact details/);
    assert.match(text, /what happened/);
    assert.match(text, /service best placed to support you/);
    assert.match(text, /2 hours/);
    assert.match(text, /6 years/);
  });
});

describe('browser history', () => {
  test('titles of search results, service pages, advice and confirmation never name a crime or a service', async () => {
    const results = await get('/find-support?crime_type=domestic_abuse&keywords=rape');
    assert.doesNotMatch(titleOf(results.text), CRIME_WORDS);
    const service = await get(`/find-support/services/${serviceId}`);
    assert.equal(service.status, 200);
    assert.ok(!titleOf(service.text).includes(serviceName), titleOf(service.text));
    assert.doesNotMatch(titleOf(service.text), CRIME_WORDS);
    const advice = await post('/refer/advice', { what: 'domestic_abuse', where: 'E08000012' });
    assert.equal(advice.status, 200);
    assert.match(advice.text, /Domestic abuse is never your fault/);
    assert.doesNotMatch(titleOf(advice.text), CRIME_WORDS);
    const bad = await post('/refer/advice', { what: 'piracy' });
    assert.equal(bad.status, 400);
    assert.doesNotMatch(titleOf(bad.text), CRIME_WORDS);
  });

  test('the advice route keeps the crime out of its address: a POST form, and GET ignores ?what=', async () => {
    const form = await get('/refer/advice');
    assert.match(form.text, /<form method="post" action="\/refer\/advice"/);
    const old = await get('/refer/advice?what=domestic_abuse&where=E08000012');
    assert.equal(old.status, 200);
    assert.doesNotMatch(old.text, /Domestic abuse is never your fault/);
    assert.doesNotMatch(old.text, /checked/);
    // The services it lists link to their pages by id only.
    const advice = await post('/refer/advice', { what: 'sexual_violence' });
    for (const [, href] of advice.text.matchAll(/href="(\/find-support\/services\/[^"]+)"/g)) {
      assert.match(href, /^\/find-support\/services\/[0-9a-f-]{36}$/);
    }
  });

  test('every public page links to "cover your tracks", which explains history and Exit this page', async () => {
    for (const path of ['/', '/find-support', `/find-support/services/${serviceId}`, '/refer', '/refer/advice',
      '/privacy', '/accessibility', '/no-such-page']) {
      const page = await get(path);
      assert.match(page.text, /<a [^>]*href="\/cover-your-tracks"/, `${path} links to cover your tracks`);
    }
    const page = await get('/cover-your-tracks');
    assert.equal(page.status, 200);
    assert.match(page.text, /history/);
    assert.match(page.text, /private browsing/);
    assert.match(page.text, /Exit this page/);
    assert.doesNotMatch(titleOf(page.text), CRIME_WORDS);
  });
});

describe('search finds what people type', () => {
  const ids = async (search) => {
    const res = await fetch(`${server.url}/api/v1/services?per_page=100&search=${encodeURIComponent(search)}`);
    assert.equal(res.status, 200, search);
    return (await res.json()).contents.map((s) => s.id).sort();
  };

  test('hyphens, spacing and compounds alike, and the areas\' synonyms file is in force', async () => {
    const hyphen = await ids('anti-social');
    assert.ok(hyphen.length > 0, 'the demo directory has anti-social behaviour services');
    assert.deepEqual(await ids('anti social'), hyphen);
    assert.deepEqual(await ids('antisocial'), hyphen);
    // config/areas/*/synonyms.txt: "asb, anti social behaviour".
    assert.deepEqual(await ids('ASB'), await ids('anti-social behaviour'));
    // "rape => sexual violence, ...": at least what "sexual violence" finds.
    const rape = await ids('rape');
    for (const id of await ids('sexual violence')) assert.ok(rape.includes(id), id);
  });
});

describe('search input', () => {
  test('a NUL, other controls and bidi overrides in the keywords are never echoed into the page', async () => {
    const page = await get('/find-support?keywords=anti%00social%E2%80%AEbehaviour%01&postcode=L1%00');
    assert.equal(page.status, 200);
    for (const bad of ['\u0000', '\u0001', '\u202e']) assert.ok(!page.text.includes(bad), `no U+${bad.codePointAt(0).toString(16)}`);
    assert.match(page.text, /value="anti social behaviour"/);
  });

  test('the API refuses them in search, naming the parameter', async () => {
    for (const q of ['a%00b', 'a%E2%80%AEb', 'a%E2%81%A6b', 'a%0Ab']) {
      const res = await fetch(`${server.url}/api/v1/services?search=${q}`);
      assert.equal(res.status, 400, q);
      const body = await res.json();
      assert.deepEqual(body.errors.map((e) => [e.field, e.code]), [['search', 'control_character']], q);
    }
    const fine = await fetch(`${server.url}/api/v1/services?search=caf%C3%A9`);
    assert.equal(fine.status, 200);
  });
});

// Postcode search needs postcode data (the ONS file an operator loads; in the demo, invented
// postcodes). Without it the box is not offered at all: a box that can only ever answer "not
// available" is a dead end for someone in a hurry.
describe('the postcode box', () => {
  const demoPostcodes = path.join(sourceDir, 'config/demo/postcodes-illustrative.csv');
  const mainOf = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

  test('is not shown while no postcode data is loaded; the area list is', async () => {
    const page = await get('/find-support');
    assert.equal(page.status, 200);
    const main = mainOf(page.text);
    assert.doesNotMatch(main, /id="postcode"/);
    assert.doesNotMatch(main, /postcode/i, 'no word of postcodes anywhere on the page');
    assert.match(main, /<label class="govuk-label govuk-label--s" for="local_authority">Where you live<\/label>/);
    assert.match(main, /<select class="govuk-select" id="local_authority" name="local_authority">/);
  });

  test('a postcode in an old link is answered by pointing to the area list, not to a box that is not there', async () => {
    const page = await get('/find-support?postcode=L1+0VV');
    assert.equal(page.status, 200);
    assert.doesNotMatch(mainOf(page.text), /id="postcode"/);
    assert.deepEqual(errorSummaryLinks(page.text).map((l) => l.anchor), ['local_authority']);
    assert.match(page.text, /Choose your area from the list instead/);
    assert.doesNotMatch(page.text, /class="app-result"/, 'no results for everywhere');
  });

  describe('with the demo\'s illustrative postcodes loaded (as `make run` does)', () => {
    let withPostcodes;
    before(async () => {
      withPostcodes = await startServer({ before: [['import-postcodes', demoPostcodes]] });
    }, { timeout: 300_000 });
    after(async () => { await withPostcodes?.stop(); });

    const getFrom = async (p) => {
      const res = await fetch(withPostcodes.url + p);
      return { status: res.status, text: await res.text() };
    };
    const namesOn = (html) => [...html.matchAll(/<h3 class="govuk-heading-m app-result__title"><a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);

    test('is shown, inside "Where you live", beside the area list', async () => {
      const main = mainOf((await getFrom('/find-support')).text);
      assert.match(main, /<input class="govuk-input govuk-input--width-10" id="postcode" name="postcode" type="text"/);
      assert.match(main, /<legend[^>]*>Where you live<\/legend>/);
      assert.match(main, /Choose your area or enter your postcode/);
    });

    test('places every illustrative postcode in its district: the same services as choosing the district', async () => {
      const rows = readFileSync(demoPostcodes, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      assert.equal(rows.length, 24, 'one for each district of the three areas');
      for (const [postcode, code, name] of rows) {
        const byPostcode = await getFrom(`/find-support?postcode=${encodeURIComponent(postcode)}`);
        assert.equal(byPostcode.status, 200);
        assert.doesNotMatch(byPostcode.text, /govuk-error-summary/, postcode);
        assert.ok(byPostcode.text.includes(`Showing services for ${name.replace('&', '&amp;')} (postcode ${postcode})`), postcode);
        assert.match(byPostcode.text, /This postcode is illustrative/, postcode);
        const byArea = await getFrom(`/find-support?local_authority=${code}`);
        assert.deepEqual(namesOn(byPostcode.text), namesOn(byArea.text), postcode);
        assert.ok(namesOn(byPostcode.text).length > 0, postcode);
      }
    });

    test('a postcode that is not in the data gets "not found", linked to the box', async () => {
      const page = await getFrom('/find-support?postcode=ZZ99+9ZZ');
      assert.deepEqual(errorSummaryLinks(page.text).map((l) => l.anchor), ['postcode']);
      assert.match(page.text, /We could not find that postcode/);
    });
  });

  test('the illustrative file is invented through and through: no postcode Royal Mail issues, real district codes', () => {
    const districts = new Map(readFileSync(path.join(sourceDir, 'data/geo/local-authorities.csv'), 'utf8')
      .trim().split('\n').slice(1).map((l) => l.split(',')).map(([code, name]) => [code, name]));
    const [header, ...rows] = readFileSync(demoPostcodes, 'utf8').trim().split('\n');
    assert.equal(header, 'pcds,laua,lad_name,note');
    const covered = new Set();
    for (const row of rows) {
      const [postcode, code, name, note] = row.split(',');
      // The inward code's letters: Royal Mail never uses C, I, K, M, O or V there.
      assert.match(postcode, /^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9](?:[CIKMOV][A-Z]|[A-Z][CIKMOV])$/, postcode);
      assert.equal(districts.get(code), name, `${postcode}: ${code} is ${name}`);
      assert.match(note, /^illustrative: invented/);
      covered.add(code);
    }
    assert.deepEqual([...covered].sort(), [...districts.keys()].sort(), 'every district of the three areas');
  });
});
