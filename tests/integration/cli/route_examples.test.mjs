// `victim-gateway route --explain` on every example under tests/routing/AREA/: each file holds a
// referral and the decision the area's rules must reach ("expect"), and may name lines the
// explanation must or must not hold ("expect_explanation"). No database is involved.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { binary, sourceDir } from '../../support/server.mjs';

const examples = path.join(sourceDir, 'tests/routing');

function route(area, file) {
  const r = spawnSync(binary, ['route', '--area', area, '--explain', file], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, body: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

for (const area of readdirSync(examples)) {
  describe(`${area} routing examples`, () => {
    const files = readdirSync(path.join(examples, area)).filter((f) => f.endsWith('.json'));
    test('the area has at least six examples', () => assert.ok(files.length >= 6, `${files.length} examples`));
    for (const file of files) {
      test(file, () => {
        const full = path.join(examples, area, file);
        const { expect, expect_explanation: lines = {} } = JSON.parse(readFileSync(full, 'utf8'));
        const { status, body, stderr } = route(area, full);
        assert.equal(status, 0, stderr);
        const got = {
          service: body.decision.service?.id ?? null,
          outcome: body.decision.outcome,
          rule: body.decision.matched_rule,
          refer_directly: body.decision.refer_directly ?? false,
          consent: body.consent.state,
          funding_stream: body.funding_stream,
          eligibility: body.eligibility,
        };
        for (const [key, want] of Object.entries(expect)) assert.equal(got[key], want, `${key} in ${file}`);
        // Every decision explains itself, and the chosen service appears in the explanation.
        assert.ok(body.explanation.length > 0);
        if (got.service) {
          assert.ok(body.explanation.some((l) => l.text.includes(body.decision.service.name)));
        }
        // What the call handler reads out: lines that must be there among the rules that
        // matched (or were passed over), and words no matched line may say ("adult" for a child).
        const matched = body.explanation.filter((l) => l.matched).map((l) => l.text);
        const passed = body.explanation.filter((l) => !l.matched).map((l) => l.text);
        for (const want of lines.matched_include ?? []) {
          assert.ok(matched.some((t) => t.includes(want)), `a matched line says "${want}": ${JSON.stringify(matched)}`);
        }
        for (const never of lines.matched_exclude ?? []) {
          const said = matched.filter((t) => t.toLowerCase().includes(never.toLowerCase()));
          assert.deepEqual(said, [], `no matched line says "${never}"`);
        }
        for (const want of lines.passed_over_include ?? []) {
          assert.ok(passed.some((t) => t.includes(want)), `a passed-over line says "${want}": ${JSON.stringify(passed)}`);
        }
        assert.ok(body.deadlines.some((d) => d.code === 'first_contact'));
        // Personal details never appear in the output.
        const text = JSON.stringify(body);
        const { referral } = JSON.parse(readFileSync(full, 'utf8'));
        if (referral.victim?.name) assert.ok(!text.includes(referral.victim.name), 'no victim name in the output');
      });
    }
  });
}

describe('bad input', () => {
  test('every field error is listed with its path, and the exit code is 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vg-route-'));
    try {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({
        channel: 'carrier-pigeon', received_at: 'yesterday', area: 'merseyside',
        victim: { type: 'person', date_of_birth: '2030-13-01' }, flags: { domestic_abuse: 'yes' }, colour: 'blue',
      }));
      const { status, body } = route('merseyside', file);
      assert.equal(status, 1);
      const fields = body.errors.map((e) => e.field);
      for (const f of ['$.channel', '$.received_at', '$.victim.date_of_birth', '$.flags.domestic_abuse', '$.colour']) {
        assert.ok(fields.includes(f), `${f} in ${JSON.stringify(fields)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown area is refused', () => {
    const r = spawnSync(binary, ['route', '--area', 'atlantis', path.join(examples, 'merseyside/cse-under-18.json')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no area pack atlantis/);
  });
});
