// `victim-gateway rules load|list`: each area's routing rules file becomes a version in the
// database; loading it again adds nothing; a new version is in force at once, in the API's
// decisions too; changed rules that kept an old version are refused, naming the version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { binary, sourceDir, vg } from '../../support/server.mjs';

let dir;
let env;
let rulesFile;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vg-rules-'));
  const config = path.join(dir, 'config');
  cpSync(path.join(sourceDir, 'config'), config, { recursive: true });
  rulesFile = path.join(config, 'areas/merseyside/routing.json');
  env = { VG_DATABASE_URL: `sqlite:${path.join(dir, 'vg.db')}`, VG_CONFIG_DIR: config };
  vg(['migrate'], env);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const run = (args) => spawnSync(binary, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
const versions = (area) => vg(['rules', 'list', '--area', area], env).stdout.trim().split('\n').map((l) => l.split('\t'));

test('an area with no rules loaded says so', () => {
  assert.match(vg(['rules', 'list', '--area', 'merseyside'], env).stdout, /no routing rules loaded yet/);
});

test('loading puts every area\'s file in force; loading again adds nothing', () => {
  const version = JSON.parse(readFileSync(rulesFile, 'utf8')).version;
  const first = vg(['rules', 'load'], env).stdout;
  for (const area of ['greater-manchester', 'merseyside', 'staffordshire']) {
    assert.match(first, new RegExp(`${area}: version \\S+ loaded, now in force`));
  }
  assert.match(vg(['rules', 'load'], env).stdout, new RegExp(`merseyside: version ${version.replace(/\./g, '\\.')} already loaded`));
  const list = versions('merseyside');
  assert.equal(list.length, 1);
  assert.equal(list[0][0], version);
  assert.equal(list[0][2], 'system:rules-load');
  assert.equal(list[0][3], 'in force');
});

test('a new version is in force at once and the old one is kept', () => {
  const pack = JSON.parse(readFileSync(rulesFile, 'utf8'));
  const old = pack.version;
  pack.version = `${old}-test2`;
  writeFileSync(rulesFile, JSON.stringify(pack));
  assert.match(vg(['rules', 'load', '--area', 'merseyside'], env).stdout, /merseyside: version \S+-test2 loaded, now in force/);
  const list = versions('merseyside');
  assert.deepEqual(list.map((l) => l[0]), [`${old}-test2`, old]);
  assert.equal(list[0][3], 'in force');
  assert.equal(list[1][3], undefined);
});

test('changed rules that kept a loaded version are refused and change nothing', () => {
  const pack = JSON.parse(readFileSync(rulesFile, 'utf8'));
  pack.rules = pack.rules.slice(1);  // a real change, same version
  writeFileSync(rulesFile, JSON.stringify(pack));
  const before = versions('merseyside');
  const r = run(['rules', 'load', '--area', 'merseyside']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`Version ${pack.version.replace(/\./g, '\\.')} of the merseyside rules is already loaded with different rules`));
  assert.deepEqual(versions('merseyside'), before);
  // A server will not start on such a file either.
  const serve = run(['serve']);
  assert.equal(serve.status, 1, serve.stdout + serve.stderr);
  assert.match(serve.stderr, /already loaded with different rules/);
});

test('rules that do not make a valid pack are refused before anything is stored', () => {
  writeFileSync(rulesFile, '{"area": "merseyside", "version": "broken", "rules": [{"id": "x", "when": {"colour": "blue"}}]}');
  const r = run(['rules', 'load', '--area', 'merseyside']);
  assert.equal(r.status, 1);
  assert.equal(versions('merseyside').some((l) => l[0] === 'broken'), false);
});

test('a rule whose words promise a condition it does not test is refused by rules load, serve and route, naming the rule and its path', () => {
  // The Merseyside adult ISVA rule as it was before issue 11: "adult" in its words, no age test.
  const pack = JSON.parse(readFileSync(path.join(sourceDir, 'config/areas/merseyside/routing.json'), 'utf8'));
  pack.version = `${pack.version}-old-label`;
  const index = pack.rules.findIndex((r) => r.id === 'sexual-offence');
  pack.rules[index].explain = 'A sexual offence against an adult: ISVA support';
  pack.rules[index].when = { flags: ['sexual_offence'] };
  writeFileSync(rulesFile, JSON.stringify(pack));
  const said = new RegExp(`routing\\.json \\$\\.rules\\[${index}\\]\\.explain: rule "sexual-offence" says "adult", but its "when" does not test age_bands`);
  const before = versions('merseyside');
  const load = run(['rules', 'load', '--area', 'merseyside']);
  assert.equal(load.status, 1, load.stdout + load.stderr);
  assert.match(load.stderr, said);
  assert.deepEqual(versions('merseyside'), before, 'nothing stored');
  const serve = run(['serve']);
  assert.equal(serve.status, 1, serve.stdout + serve.stderr);
  assert.match(serve.stderr, said);
  const example = path.join(sourceDir, 'tests/routing/merseyside/child-sexual-offence-15.json');
  const route = run(['route', '--area', 'merseyside', '--explain', '--config-dir', path.dirname(path.dirname(path.dirname(rulesFile))), example]);
  assert.equal(route.status, 2, route.stdout + route.stderr);
  assert.match(route.stderr, said);
});
