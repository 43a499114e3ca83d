// `victim-gateway serve` on a database no command has touched: it applies the migrations and
// loads the routing rules before it answers, as an upgraded server must.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { binary, sourceDir, vg } from '../../support/server.mjs';

test('a server started on an empty database migrates it and serves', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-serve-start-'));
  const env = {
    ...process.env,
    VG_DATABASE_URL: `sqlite:${path.join(dir, 'vg.db')}`,
    VG_LISTEN: '127.0.0.1:0',
    VG_WEB_ROOT: path.join(sourceDir, 'web'),
  };
  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no "listening" within 20 s')), 20_000);
      let out = '';
      const onData = (chunk) => {
        out += chunk;
        const m = out.match(/"msg":"listening","url":"([^"]+)"/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    assert.equal((await fetch(`${url}/refer`)).status, 200);
    // Running migrate now finds nothing left to do, and the rules are in force.
    assert.match(vg(['migrate'], env).stdout, /0 applied/);
    assert.match(vg(['rules', 'list', '--area', 'merseyside'], env).stdout, /\tsystem:serve\tin force/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => { if (child.exitCode !== null) resolve(); else child.once('exit', resolve); });
    rmSync(dir, { recursive: true, force: true });
  }
});
