// Builds the browser assets into web/static/build/: GOV.UK Frontend + MoJ Frontend styles with
// Arial, GOV.UK Frontend's JS, our small application.js and the images the CSS and layout use.
// Every output file carries a content hash in its name so the server can cache it forever; the
// manifest maps logical names to URLs. It never fetches anything (no fonts, no network).
//
// Run with `npm run build:web` (part of `make build`). Deterministic: same inputs, same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const rootDir = path.resolve(webDir, '..');
const nodeModules = path.join(rootDir, 'node_modules');
const outDir = path.join(webDir, 'static', 'build');
const assetsDir = path.join(outDir, 'assets');
const urlPrefix = '/assets/';

const govukDist = path.join(nodeModules, 'govuk-frontend', 'dist', 'govuk');
const mojDist = path.join(nodeModules, '@ministryofjustice', 'frontend', 'moj');

// Images come from these folders, first match wins; ours first so we can replace a stock one.
const imageSources = [
  path.join(webDir, 'src', 'images'),
  path.join(govukDist, 'assets', 'images'),
  path.join(mojDist, 'assets', 'images'),
];
// Images the layout links to directly (not through CSS).
const layoutImages = ['favicon.svg'];

const manifest = {};

function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

// Writes `bytes` as name-<hash>.ext (flat, directly under /assets/) and records it.
function emit(logicalName, bytes) {
  const ext = path.extname(logicalName);
  const base = path.basename(logicalName, ext);
  const fileName = `${base}-${contentHash(bytes)}${ext}`;
  writeFileSync(path.join(assetsDir, fileName), bytes);
  manifest[logicalName] = urlPrefix + fileName;
  return manifest[logicalName];
}

function findImage(name) {
  for (const dir of imageSources) {
    try {
      return readFileSync(path.join(dir, name));
    } catch {
      // not in this folder; try the next
    }
  }
  throw new Error(`image ${name} not found in ${imageSources.join(', ')}`);
}

function emitImage(name) {
  const logical = `images/${name}`;
  return manifest[logical] ?? emit(logical, findImage(name));
}

function buildCss() {
  const result = sass.compile(path.join(webDir, 'src', 'application.scss'), {
    // MoJ Frontend imports "node_modules/govuk-frontend/…", so the repo root is a load path too.
    loadPaths: [rootDir, nodeModules],
    style: 'compressed',
    sourceMap: false,
    // Deprecation notices from the two frameworks are theirs to fix, not ours; errors still throw.
    logger: sass.Logger.silent,
  });
  let css = result.css;
  if (/@font-face|GDS Transport/.test(css)) {
    throw new Error('the CSS would load the GOV.UK-only font; keep $moj-font-family as Arial');
  }
  // Point every /assets/images/x url at its hashed copy.
  css = css.replace(/url\((["']?)\/assets\/images\/([A-Za-z0-9._-]+)\1\)/g,
    (_, _quote, name) => `url(${emitImage(name)})`);
  const stray = css.match(/url\((?!["']?(?:\/assets\/[A-Za-z0-9._-]+-[0-9a-f]{8}\.|data:))[^)]*\)/);
  if (stray) throw new Error(`the CSS refers to an asset the build does not provide: ${stray[0]}`);
  emit('application.css', Buffer.from(css));
}

function buildJs() {
  const govuk = readFileSync(path.join(govukDist, 'all.bundle.mjs'), 'utf8')
    .replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const govukUrl = emit('govuk-frontend.js', Buffer.from(govuk));
  const app = readFileSync(path.join(webDir, 'src', 'application.js'), 'utf8');
  const rewritten = app.replace("from './govuk-frontend.js'", `from '${govukUrl}'`);
  if (rewritten === app) throw new Error('application.js must import ./govuk-frontend.js');
  emit('application.js', Buffer.from(rewritten));
}

const started = Date.now();
rmSync(outDir, { recursive: true, force: true });
mkdirSync(assetsDir, { recursive: true });
buildCss();
buildJs();
for (const name of layoutImages) emitImage(name);

const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`web assets: ${Object.keys(sorted).length} files in ${path.relative(rootDir, assetsDir)} ` +
  `(${Date.now() - started} ms)`);
