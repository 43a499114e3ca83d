// Live chat across processes (issue 16): two `serve` processes on one PostgreSQL, the victim's
// socket on one and the advisor's on the other; messages both ways, typing and what was seen
// arrive live through LISTEN/NOTIFY, each once. Starts its own throwaway cluster
// (tests/support/postgres_cluster.mjs). Signing out on one process closes the advisor's socket
// held by another.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { startPostgresCluster } from '../../support/postgres_cluster.mjs';
import { startServer } from '../../support/server.mjs';
import { Browser } from '../../support/browser.mjs';
import { cookieHeader, takenChat } from '../../support/live_chat.mjs';
import { openSocket } from '../../support/websocket_client.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'vg-chat-pg-'));
let cluster;
let serverA;
let serverB;
after(async () => {
  await serverA?.stop();
  await serverB?.stop();
  await cluster?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const events = (socket) => socket.messages.filter((m) => m.type === 'event');

test('a victim on one process and an advisor on another chat live', { timeout: 300_000 }, async () => {
  cluster = await startPostgresCluster();
  const env = { VG_AUDIT_HEAD: path.join(dir, 'audit-head') };
  serverA = await startServer({ databaseUrl: cluster.url, env });
  serverB = await startServer({ databaseUrl: cluster.url, env, migrate: false, demo: false });
  // The victim starts the chat on A; the advisor takes it on B.
  const { victim, advisor, id } = await takenChat(serverA.url, serverB.url);
  const v = await openSocket(serverA.url, '/chat/live?after=0', { cookie: cookieHeader(victim) });
  const a = await openSocket(serverB.url, `/staff/chats/${id}/live?after=0`, { cookie: cookieHeader(advisor) });
  assert.ok(!v.refused && !a.refused);
  await v.waitFor((m) => m.type === 'ready');
  await a.waitFor((m) => m.type === 'ready');

  v.send({ type: 'message', text: 'Hello from process A' });
  const fromA = await a.waitFor((m) => m.type === 'event' && m.kind === 'message' && m.party === 'victim', 10_000);
  assert.equal(fromA.text, 'Hello from process A');
  a.send({ type: 'typing' });
  assert.equal((await v.waitFor((m) => m.type === 'typing', 10_000)).party, 'advisor');
  a.send({ type: 'message', text: 'Hello from process B' });
  const fromB = await v.waitFor((m) => m.type === 'event' && m.kind === 'message' && m.party === 'advisor', 10_000);
  assert.equal(fromB.text, 'Hello from process B');
  a.send({ type: 'read', seq: fromB.seq });
  assert.equal((await v.waitFor((m) => m.type === 'read', 10_000)).seq, fromB.seq);
  // A message from the page on A reaches the advisor's socket on B.
  assert.equal((await victim.post('/chat/messages', { message: 'And one from the page' })).status, 303);
  await a.waitFor((m) => m.type === 'event' && m.text === 'And one from the page', 10_000);
  for (const s of [v, a]) {
    const numbers = events(s).map((e) => e.seq);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'every event once, in order');
  }
  v.close();
  a.close();
});

test('signing out on one process closes the advisor\'s socket on another', { timeout: 300_000 }, async () => {
  const { victim, advisor, id, csrf } = await takenChat(serverA.url, serverB.url);
  const a = await openSocket(serverB.url, `/staff/chats/${id}/live?after=0`, { cookie: cookieHeader(advisor) });
  await a.waitFor((m) => m.type === 'ready');
  const onA = new Browser(serverA.url);
  onA.cookies = { ...advisor.cookies };
  assert.equal((await onA.post('/sign-out', { csrf_token: csrf })).status, 303);
  assert.deepEqual(await a.waitClosed(10_000), { code: 1008, reason: 'Signed out' });
  await victim.post('/chat/end', {});
});
