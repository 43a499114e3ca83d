// Nothing lost on reconnect (issue 16): a chat in progress over WebSocket, the server process is
// killed (SIGKILL) and started again on the same database mid-chat; both clients reconnect with
// the last number they saw, and every message appears exactly once, in order, on both sides.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startServer } from '../../support/server.mjs';
import { cookieHeader, takenChat } from '../../support/live_chat.mjs';
import { openSocket } from '../../support/websocket_client.mjs';

let first;
let second;
after(async () => {
  await second?.stop();
  await first?.stop();  // last: its folder holds the database
});

const events = (socket) => socket.messages.filter((m) => m.type === 'event');
const lastSeq = (socket) => events(socket).at(-1)?.seq ?? 0;

// One side's whole view across its connections: every event, by number.
const view = (...sockets) => sockets.flatMap(events);

test('killed and started again mid-chat, both sides see every message exactly once, in order', { timeout: 240_000 }, async () => {
  first = await startServer();
  const { victim, advisor, id } = await takenChat(first.url);
  const connect = (url, who, after) => who === 'victim'
    ? openSocket(url, `/chat/live?after=${after}`, { origin: url, cookie: cookieHeader(victim) })
    : openSocket(url, `/staff/chats/${id}/live?after=${after}`, { origin: url, cookie: cookieHeader(advisor) });
  const v1 = await connect(first.url, 'victim', 0);
  const a1 = await connect(first.url, 'advisor', 0);
  await v1.waitFor((m) => m.type === 'ready');
  await a1.waitFor((m) => m.type === 'ready');

  const sent = [];  // what each side was told was stored, in order
  const say = async (socket, text) => {
    socket.send({ type: 'message', text });
    const ack = await socket.waitFor((m) => m.type === 'sent' && !sent.some((s) => s.seq === m.seq));
    sent.push({ seq: ack.seq, text });
  };
  await say(v1, 'Before the restart, from the victim');
  await say(a1, 'Before the restart, from the advisor');
  await a1.waitFor((m) => m.type === 'event' && m.seq === sent.at(-1).seq);
  await v1.waitFor((m) => m.type === 'event' && m.seq === sent.at(-1).seq);
  // The last one is killed with the server before the advisor may have been given it.
  await say(v1, 'Just as the server dies');
  first.child.kill('SIGKILL');
  await Promise.all([v1.waitClosed(10_000), a1.waitClosed(10_000)]);

  second = await startServer({ databaseUrl: first.env.VG_DATABASE_URL, migrate: false, demo: false });
  const v2 = await connect(second.url, 'victim', lastSeq(v1));
  const a2 = await connect(second.url, 'advisor', lastSeq(a1));
  assert.ok(!v2.refused && !a2.refused, 'both reconnect to the new process with their cookies');
  await v2.waitFor((m) => m.type === 'ready');
  await a2.waitFor((m) => m.type === 'ready');
  await say(a2, 'After the restart, from the advisor');
  await say(v2, 'After the restart, from the victim');
  const last = sent.at(-1).seq;
  await a2.waitFor((m) => m.type === 'event' && m.seq === last);
  await v2.waitFor((m) => m.type === 'event' && m.seq === last);

  for (const [who, seen] of [['victim', view(v1, v2)], ['advisor', view(a1, a2)]]) {
    const numbers = seen.map((e) => e.seq);
    const from = numbers[0];
    assert.deepEqual(numbers, numbers.map((_, i) => from + i), `${who}: no gap and no duplicate`);
    const messages = seen.filter((e) => e.kind === 'message').map((e) => `${e.seq}:${e.text}`);
    assert.deepEqual(messages, sent.map((s) => `${s.seq}:${s.text}`), `${who}: every message once, in order`);
  }
  v2.close();
  a2.close();
});
