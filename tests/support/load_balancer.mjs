// HAProxy run with the repository's own deploy/haproxy.cfg in front of two `serve` processes, as
// docs/operations.md ("Scale out") deploys it: the test of the documented set-up is the set-up.
// Listens on a free loopback port; stop() ends it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free_port.mjs';
import { logEntries, sourceDir } from './server.mjs';

export const haproxyConfig = path.join(sourceDir, 'deploy/haproxy.cfg');

// backends: the two servers' "127.0.0.1:PORT" addresses.
export async function startLoadBalancer(backends) {
  if (backends.length !== 2) throw new Error('deploy/haproxy.cfg names two servers');
  const listen = `127.0.0.1:${await freePort()}`;
  const env = { ...process.env, VG_LB_LISTEN: listen, VG_APP1: backends[0], VG_APP2: backends[1] };
  // -db: in the foreground, stopped with the test; -W would fork a master, which a kill misses.
  const child = spawn('haproxy', ['-db', '-f', haproxyConfig], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (c) => output.push(c.toString()));
  child.stderr.on('data', (c) => output.push(c.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://${listen}`;
  for (const deadline = Date.now() + 10_000; ;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}:\n${output.join('')}`);
    try {
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`haproxy did not listen within 10 s:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

// How many health checks (GET /readyz) `server` has answered so far: HAProxy counts a server up
// after two in a row (rise 2), and the server logs each before it answers, so a third logged
// means the second's answer has reached the balancer.
export const healthChecksAnswered = (server) =>
  logEntries(server).filter((e) => e.msg === 'request' && e.route === '/readyz' && e.status === 200).length;

// Waits until the balancer has seen each server answer its health checks (so both are in
// rotation); fails after `ms`.
export async function untilInRotation(servers, ms = 15_000) {
  for (const deadline = Date.now() + ms; !servers.every((s) => healthChecksAnswered(s) >= 3);) {
    if (Date.now() > deadline) throw new Error(`a server was not taken into rotation within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
