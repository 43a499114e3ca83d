// Starts a real victim-gateway server on 127.0.0.1 for node tests: a fresh SQLite database in a
// temp dir, migrated and loaded with demo data, `serve` on a free port. Stops it afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linesWithPersonalData } from './personal_data_markers.mjs';
import { rememberDemoSecrets, rememberServerClock } from './second_factor.mjs';

export const binary = process.env.VG_BINARY ?? path.resolve('build/victim-gateway');
// `serve` will not start without an audit key: every test's commands share this invented one
// (children inherit process.env), unless a test sets its own.
process.env.VG_AUDIT_KEY ??= 'an-invented-audit-key-for-tests-only-0123';
export const testAuditKey = process.env.VG_AUDIT_KEY;
// Nor without the key case notes are sealed with: an invented one, the same way.
process.env.VG_NOTES_KEY ??= '0123456789abcdef'.repeat(4);
export const sourceDir = process.env.VG_SOURCE_DIR ?? path.resolve('.');

// Runs a victim-gateway sub-command to completion; throws with its output if it fails. The demo
// log-ins' authenticator keys are taken from what `demo-data` prints (the helpers that sign in
// use them: tests/support/second_factor.mjs).
export function vg(args, env = {}) {
  const r = spawnSync(binary, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) {
    throw new Error(`victim-gateway ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  if (args[0] === 'demo-data') rememberDemoSecrets(r.stdout);
  return r;
}

// The file of a test server's SQLite database.
export function sqliteFile(server) {
  return server.env.VG_DATABASE_URL.replace(/^sqlite:/, '');
}

// Reads a test server's SQLite database with the sqlite3 command line tool (read-only, waiting
// up to 5 s for the server's writer); the rows as text, one per line.
export function querySqlite(server, query) {
  const r = spawnSync('sqlite3', ['-readonly', '-cmd', '.timeout 5000', sqliteFile(server), query],
    { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

// The JSON lines a test server has written so far (stdout and stderr), parsed; other lines skipped.
export function logEntries(server) {
  return server.logs.join('').split('\n').flatMap((line) => {
    try {
      const entry = JSON.parse(line);
      return entry && typeof entry === 'object' ? [entry] : [];
    } catch { return []; }
  });
}

// The lines showing personal data in what a server wrote (its chunks as they came), a chunk at a
// time: a soak's log at debug level runs to hundreds of megabytes, more than one string holds.
function leakedLines(chunks) {
  const leaked = [];
  let carry = '';
  for (const chunk of chunks) {
    const text = carry + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      carry = text;
      continue;
    }
    leaked.push(...linesWithPersonalData(text.slice(0, end)));
    carry = text.slice(end + 1);
  }
  return carry ? [...leaked, ...linesWithPersonalData(carry)] : leaked;
}

// Waits until the server has logged a line `match` accepts and returns it; fails after `ms`.
// What the server logs reaches this process through a pipe, so a line may arrive a moment after
// the answer it belongs to: wait for the line itself, never for a guessed time.
export async function waitForLog(server, match, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = logEntries(server).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the server did not log the line awaited within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Returns once everything the server logged while answering earlier requests is in server.logs:
// it sends one more request, with an X-Request-Id of its own, and waits for that request's
// access-log line. A request logs before its answer goes out, and the pipe keeps order, so the
// lines of every request answered before are in by then. Needs the access log (level info or
// lower).
let caughtUp = 0;
export async function logsCaughtUp(server) {
  const id = `caught-up-${process.pid}-${++caughtUp}`;
  const res = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': id } });
  await res.arrayBuffer();
  await waitForLog(server, (e) => e.msg === 'request' && e.request_id === id);
}

// options.demo: load demo data (default true); options.databaseUrl: use this database instead;
// options.migrate: false to start `serve` on the database as it is (it migrates by itself).
export async function startServer(options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-test-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(dir, 'vg.db')}`;
  const env = {
    VG_DATABASE_URL: databaseUrl,
    VG_LISTEN: '127.0.0.1:0',
    VG_WEB_ROOT: path.join(sourceDir, 'web'),
    // Everything the server would log, so the check when it stops (no personal data) sees it all.
    VG_LOG_LEVEL: 'debug',
    ...(options.env ?? {}),
  };
  if (options.migrate !== false) vg(['migrate'], env);
  if (options.demo !== false) vg(['demo-data', ...(options.demoArgs ?? [])], env);
  for (const args of options.before ?? []) vg(args, env);

  const child = spawn(binary, ['serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  // The end of what the server wrote, for a message: a soak's whole log is more than one string holds.
  const logTail = () => logs.slice(-200).join('').slice(-64 * 1024);
  let started = false;
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${logTail()}`)), 20_000);
    const onData = (chunk) => {
      logs.push(chunk.toString());
      if (started) return;  // only the start is looked for here
      for (const line of chunk.toString().split('\n')) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && entry.url) {
            clearTimeout(timer);
            started = true;
            // Its clock (which VG_CLOCK_START may have started elsewhere), for TOTP codes.
            if (entry.ts) rememberServerClock(entry.url, Date.parse(entry.ts));
            resolve(entry.url);
          }
        } catch { /* not a JSON line */ }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`server exited ${code}:\n${logTail()}`));
    });
  });
  return {
    url,
    env,
    dir,
    logs,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
      // The server must never log personal data: no line it wrote may show an invented person's
      // marks (a test that means to see such a line reads server.logs itself and sets this).
      const leaked = options.logsMayShowPersonalData ? [] : leakedLines(logs);
      if (leaked.length > 0) {
        throw new Error(`the server logged personal data (${leaked.length} lines), first:\n${leaked.slice(0, 3).join('\n')}`);
      }
    },
  };
}
