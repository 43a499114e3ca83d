// The self-help pages (/help) over plain HTTP against a real server: the index lists every file
// in content/, each page is its Markdown in the GOV.UK layout with a link to the matching
// directory search, titles stay neutral, and an unknown page is a plain 404. The pages are read
// from the content directory at start: an editor adds a page without a new build, and a bad file
// is reported (file and line) and skipped while the rest serve.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { logEntries, sourceDir, startServer } from '../../support/server.mjs';

let server;
before(async () => { server = await startServer({ demo: false }); }, { timeout: 300_000 });
after(async () => { await server?.stop(); });

async function get(p) {
  const res = await fetch(server.url + p, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)[1];
const CRIME_WORDS = /domestic|abuse|rape|sexual|hate|stalk|harass|burglary|exploitation|grooming|fraud|scam|robbery|assault|violen|murder|homicide|online/i;
const slugs = readdirSync(path.join(sourceDir, 'content')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));

test('the index links to every page in content/ and is linked from the public pages', async () => {
  const index = await get('/help');
  assert.equal(index.status, 200);
  assert.equal(titleOf(index.text), 'Help and advice – Find support after a crime');
  assert.ok(slugs.length >= 5);
  for (const slug of slugs) assert.match(index.text, new RegExp(`href="/help/${slug}"`), slug);
  for (const p of ['/', '/find-support', '/privacy', '/refer']) {
    assert.match((await get(p)).text, /<a [^>]*href="\/help"/, `${p} links to /help`);
  }
});

test('each page is its Markdown in the GOV.UK layout, under a neutral title, with Exit this page', async () => {
  for (const slug of slugs) {
    const page = await get(`/help/${slug}`);
    assert.equal(page.status, 200, slug);
    assert.equal(titleOf(page.text), 'Help and advice – Find support after a crime', slug);
    assert.doesNotMatch(titleOf(page.text), CRIME_WORDS);
    assert.match(page.text, /<h1 class="govuk-heading-l">[^<]+<\/h1>/, slug);
    assert.match(page.text, /<p class="govuk-body">/, slug);
    assert.match(page.text, /govuk-exit-this-page/, slug);
    assert.match(page.text, /href="\/find-support[^"]*"/, slug);
  }
  const burglary = await get('/help/coping-after-a-burglary');
  assert.match(burglary.text, /<h1 class="govuk-heading-l">Coping after a burglary<\/h1>/);
  assert.match(burglary.text, /<h2 class="govuk-heading-m">Straight after the burglary<\/h2>/);
  assert.match(burglary.text, /<ul class="govuk-list govuk-list--bullet">/);
  assert.match(burglary.text, /href="\/find-support\?crime_type=burglary_and_theft"/);
  const online = await get('/help/staying-safe-online');
  assert.match(online.text, /href="\/find-support\?crime_type=online_abuse&amp;crime_type=fraud_and_cyber_crime&amp;crime_type=stalking_and_harassment"/);
});

test('the directory search a page links to finds services', async () => {
  const page = await get('/help/coping-after-a-burglary');
  const href = page.text.match(/href="(\/find-support\?[^"]*)"/)[1].replaceAll('&amp;', '&');
  const results = await get(href);
  assert.equal(results.status, 200);
});

test('an unknown page is a plain 404 and nothing is read from the path', async () => {
  for (const p of ['/help/no-such-page', '/help/..%2F..%2Fetc%2Fpasswd', '/help/%3Cscript%3E']) {
    const page = await get(p);
    assert.equal(page.status, 404, p);
    assert.ok(!page.text.includes('<script>'), p);
  }
});

test('an editor adds a page by adding a file to the content directory; a bad file is reported and skipped', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-content-'));
  let edited;
  try {
    for (const slug of slugs) copyFileSync(path.join(sourceDir, 'content', `${slug}.md`), path.join(dir, `${slug}.md`));
    writeFileSync(path.join(dir, 'getting-to-court.md'),
      '---\ntitle: Getting to court\nsummary: Help with travel to a trial, and what to expect there.\n---\n' +
      'The **Witness Service** can show you round the court before the trial.\n');
    writeFileSync(path.join(dir, 'broken.md'),
      '---\ntitle: Broken page\nsummary: Never shown.\ncrime_types: NOT A CODE\n---\nBody\n');
    edited = await startServer({ demo: false, env: { VG_CONTENT_DIR: dir } });
    const get2 = async (p) => {
      const res = await fetch(edited.url + p, { redirect: 'manual' });
      return { status: res.status, text: await res.text() };
    };
    const index = await get2('/help');
    assert.equal(index.status, 200);
    assert.match(index.text, /href="\/help\/getting-to-court"/, 'the added page is in the index');
    for (const slug of slugs) assert.match(index.text, new RegExp(`href="/help/${slug}"`), `${slug} still serves`);
    assert.doesNotMatch(index.text, /Broken page|href="\/help\/broken"/);
    const added = await get2('/help/getting-to-court');
    assert.equal(added.status, 200);
    assert.match(added.text, /<h1 class="govuk-heading-l">Getting to court<\/h1>/);
    assert.match(added.text, /<strong>Witness Service<\/strong>/);
    assert.equal((await get2('/help/broken')).status, 404);
    const reported = logEntries(edited).find((e) => /help page skipped/.test(e.msg ?? ''));
    assert.ok(reported, 'the bad file is reported at start');
    assert.match(reported.msg, /broken\.md:4 crime_types/, 'with its file and line');
  } finally {
    await edited?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
