// A throwaway PostgreSQL 15 cluster a test can stop and start again under a running server, made
// as scripts/with-postgres makes its own: a temporary folder, a free loopback port, trust
// authentication for the user vg, run as the unprivileged `postgres` user when the test runs as
// root (initdb refuses root). remove() stops it and deletes the folder.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free_port.mjs';

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

function run(command, args, asUser = []) {
  const [program, ...rest] = [...asUser, command, ...args];
  const r = spawnSync(program, rest, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

// The same without holding this process up meanwhile (a test's requests go on while it waits).
function runInBackground(command, args, asUser = []) {
  const [program, ...rest] = [...asUser, command, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(program, rest, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

// Sends SIG`signal` to the cluster's postmaster and each of its children (the backends).
function signalCluster(data, signal) {
  const postmaster = readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
  if (signal === 'STOP') process.kill(Number(postmaster), 'SIGSTOP');  // no new backends meanwhile
  spawnSync('pkill', [`-${signal}`, '-P', postmaster]);
  if (signal === 'CONT') process.kill(Number(postmaster), 'SIGCONT');
}

export async function startPostgresCluster() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vg-pg-'));
  chmodSync(dir, 0o755);
  const asUser = [];
  if (process.getuid() === 0) {
    if (spawnSync('id', ['postgres']).status !== 0) run('useradd', ['--system', '--no-create-home', 'postgres']);
    run('chown', ['postgres', dir]);
    asUser.push('runuser', '-u', 'postgres', '--');
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(path.join(PGBIN, 'initdb'), ['-D', data, '-U', 'vg', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], asUser);
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=on -c max_connections=200`;
  const cluster = {
    url: `postgresql://vg@127.0.0.1:${port}/vg_test`,
    // Resolves once it accepts connections.
    start: () => runInBackground(path.join(PGBIN, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start'], asUser),
    // mode: "fast" (sessions ended, a clean shutdown) or "immediate" (as if it crashed). Resolves
    // once it is down.
    stop: (mode) => runInBackground(path.join(PGBIN, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], asUser),
    // Freezes every process of the cluster (SIGSTOP), as a hung host would: connections stay
    // open and the kernel still takes what is sent, but nothing answers. thaw() lets them go on.
    freeze: () => signalCluster(data, 'STOP'),
    thaw: () => signalCluster(data, 'CONT'),
    async remove() {
      try { cluster.thaw(); } catch { /* not running */ }
      try { await cluster.stop('immediate'); } catch { /* already down */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  run(path.join(PGBIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'vg', 'vg_test'], asUser);
  return cluster;
}
