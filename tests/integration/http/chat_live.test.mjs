// Live chat over WebSocket (issue 16) against a real server: a connection asking for the events
// after N is given exactly N+1..latest, then live ones; typing and what the other side has seen
// arrive; a page of another site, a chat the caller may not open, an oversize or too frequent
// message are refused, and nothing refused is stored; Exit this page closes the sockets; the
// advisor's sockets follow their session (signing out, or an account disabled, closes them); each
// handshake is in the access log by its path template and counted in /metrics.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { logEntries, logsCaughtUp, querySqlite, startServer, vg } from '../../support/server.mjs';
import { Browser, signedInBrowser } from '../../support/browser.mjs';
import { cookieHeader, takenChat } from '../../support/live_chat.mjs';
import { openSocket } from '../../support/websocket_client.mjs';

const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];

let server;
before(async () => {
  server = await startServer({ env: { VG_EXIT_URL: 'http://127.0.0.1:9/weather' } });
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

const victimSocket = (victim, after = 0, options = {}) =>
  openSocket(server.url, `/chat/live?after=${after}`, { cookie: cookieHeader(victim), ...options });
const advisorSocket = (advisor, id, after = 0, options = {}) =>
  openSocket(server.url, `/staff/chats/${id}/live?after=${after}`, { cookie: cookieHeader(advisor), ...options });
const events = (socket) => socket.messages.filter((m) => m.type === 'event');
const storedMessages = (id) => Number(querySqlite(server, `SELECT count(*) FROM chat_events WHERE chat_id = '${id}' AND kind = 'message'`));

test('a connection after N is given N+1 to the latest, then live events, each once', async () => {
  const { victim, advisor, id } = await takenChat(server.url);  // 1 started, 2 taken
  assert.equal((await victim.post('/chat/messages', { message: 'First, sent from the page' })).status, 303);
  assert.equal((await victim.post('/chat/messages', { message: 'Second, from the page too' })).status, 303);

  const v = await victimSocket(victim, 2);
  assert.equal(v.headers['cache-control'], 'no-store');
  const ready = await v.waitFor((m) => m.type === 'ready');
  assert.equal(ready.seq, 4);
  assert.deepEqual(events(v).map((e) => e.seq), [3, 4]);
  assert.deepEqual(events(v).map((e) => e.text), ['First, sent from the page', 'Second, from the page too']);
  assert.ok(events(v).every((e) => e.party === 'victim' && e.kind === 'message'));

  const a = await advisorSocket(advisor, id, 0);
  await a.waitFor((m) => m.type === 'ready');
  assert.deepEqual(events(a).map((e) => `${e.seq}:${e.kind}`), ['1:started', '2:taken', '3:message', '4:message']);

  a.send({ type: 'message', text: 'Hello, I am here over the socket' });
  assert.equal((await a.waitFor((m) => m.type === 'sent')).seq, 5);
  const live = await v.waitFor((m) => m.type === 'event' && m.seq === 5);
  assert.equal(live.party, 'advisor');
  assert.equal(live.text, 'Hello, I am here over the socket');
  // A message posted from the page reaches the sockets too.
  assert.equal((await victim.post('/chat/messages', { message: 'Third, from the page' })).status, 303);
  await a.waitFor((m) => m.type === 'event' && m.seq === 6);
  await v.waitFor((m) => m.type === 'event' && m.seq === 6);
  assert.deepEqual(events(v).map((e) => e.seq), [3, 4, 5, 6], 'no gap, no duplicate');
  assert.deepEqual(events(a).map((e) => e.seq), [1, 2, 3, 4, 5, 6]);
  a.close();
  v.close();
  await victim.post('/chat/end', {});
});

test('typing and what the other side has seen arrive, and a reconnection shows what was seen', async () => {
  const { victim, advisor, id } = await takenChat(server.url);
  const v = await victimSocket(victim, 2);
  const a = await advisorSocket(advisor, id, 2);
  await v.waitFor((m) => m.type === 'ready');
  await a.waitFor((m) => m.type === 'ready');

  v.send({ type: 'typing' });
  assert.equal((await a.waitFor((m) => m.type === 'typing')).party, 'victim');
  v.send({ type: 'message', text: 'Can you hear me?' });
  await a.waitFor((m) => m.type === 'event' && m.seq === 3);
  a.send({ type: 'read', seq: 3 });
  const seen = await v.waitFor((m) => m.type === 'read');
  assert.deepEqual(seen, { type: 'read', party: 'advisor', seq: 3 });
  assert.ok(!v.messages.some((m) => m.type === 'typing'), 'nobody is told of their own typing');
  // A number past the chat's last is not kept.
  a.send({ type: 'read', seq: 99 });

  v.destroy();  // a dropped network
  const again = await victimSocket(victim, 3);
  await again.waitFor((m) => m.type === 'ready');
  assert.deepEqual(again.messages.filter((m) => m.type === 'read'), [{ type: 'read', party: 'advisor', seq: 3 }]);
  assert.equal(events(again).length, 0, 'nothing it had already');
  assert.equal(querySqlite(server, `SELECT advisor_read_seq FROM chats WHERE id = '${id}'`), '3');
  a.close();
  again.close();
  await victim.post('/chat/end', {});
});

test('a socket from another site, or from no page at all, is refused', async () => {
  const { victim, id, advisor } = await takenChat(server.url);
  for (const origin of ['http://evil.example', 'null', null]) {  // null: no Origin header
    const refused = await victimSocket(victim, 0, { origin });
    assert.equal(refused.refused, 403, `Origin ${origin}`);
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.equal((await advisorSocket(advisor, id, 0, { origin })).refused, 403);
  }
  assert.equal((await victimSocket(victim, -1)).refused, 400);
  await victim.post('/chat/end', {});
});

test('a chat the caller may not open is refused as one that does not exist', async () => {
  const { victim, id } = await takenChat(server.url);
  const stranger = new Browser(server.url);
  stranger.cookies.vg_chat = 'ab'.repeat(32);  // a token of the right shape, of no chat
  const noChat = await openSocket(server.url, '/chat/live', { cookie: cookieHeader(stranger) });
  const noCookie = await openSocket(server.url, '/chat/live', {});
  assert.equal(noChat.refused, 404);
  assert.equal(noCookie.refused, 404);

  const leader = await signedInBrowser(server.url, ...LEADER);  // no line to answer this chat
  const notTheirs = await advisorSocket(leader, id);
  const nowhere = await advisorSocket(leader, '00000000-0000-4000-8000-000000000000');
  const signedOut = await advisorSocket(new Browser(server.url), id);
  for (const r of [notTheirs, nowhere, signedOut]) assert.equal(r.refused, 404);
  assert.equal(notTheirs.body, nowhere.body, 'the same answer, whether or not the chat exists');
  assert.doesNotMatch(notTheirs.body, new RegExp(id));

  // Once the victim has left, their token opens nothing.
  await victim.post('/chat/end', {});
  const gone = new Browser(server.url);
  gone.cookies.vg_chat = victim.cookies.vg_chat ?? 'cd'.repeat(32);
  assert.equal((await openSocket(server.url, '/chat/live', { cookie: cookieHeader(gone) })).refused, 404);
});

test('an oversize message is refused with a clear error and nothing is stored; a huge frame closes', async () => {
  const { victim, id } = await takenChat(server.url);
  const v = await victimSocket(victim, 2);
  await v.waitFor((m) => m.type === 'ready');
  const before = storedMessages(id);
  v.send({ type: 'message', text: 'a'.repeat(2001) });
  const error = await v.waitFor((m) => m.type === 'error');
  assert.deepEqual(error, { type: 'error', code: 'too_long', field: 'message', message: 'Message must be 2,000 characters or fewer' });
  v.send({ type: 'nonsense' });
  assert.equal((await v.waitFor((m) => m.type === 'error' && m.field === 'type')).code, 'invalid');
  v.send('not json');
  assert.equal((await v.waitFor((m) => m.type === 'error' && m.field === 'frame')).code, 'invalid');
  assert.equal(storedMessages(id), before, 'nothing stored');

  v.send({ type: 'message', text: 'b'.repeat(40_000) });  // past the frame limit
  assert.equal((await v.waitClosed()).code, 1009);
  assert.equal(storedMessages(id), before, 'nothing stored');
  await victim.post('/chat/end', {});
});

test('messages sent too quickly are refused past the burst, and nothing refused is stored', async () => {
  const { victim, id } = await takenChat(server.url);
  const v = await victimSocket(victim, 2);
  await v.waitFor((m) => m.type === 'ready');
  const before = storedMessages(id);
  for (let i = 0; i < 12; i++) v.send({ type: 'message', text: `Quick message ${i}` });
  await v.waitFor((m) => m.type === 'error' && m.code === 'rate_limited');
  // Every message is answered: sent, or refused.
  const deadline = Date.now() + 5_000;
  const answered = () => v.messages.filter((m) => m.type === 'sent' || m.type === 'error').length;
  while (answered() < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const sent = v.messages.filter((m) => m.type === 'sent').length;
  assert.ok(sent >= 5 && sent < 12, `sent ${sent}`);
  assert.equal(storedMessages(id), before + sent, 'only what was sent is stored');
  v.close();
  await victim.post('/chat/end', {});
});

test('Exit this page ends the chat and closes both sides\' sockets', async () => {
  const { victim, advisor, id } = await takenChat(server.url);
  const v = await victimSocket(victim, 0);
  const a = await advisorSocket(advisor, id, 0);
  await v.waitFor((m) => m.type === 'ready');
  await a.waitFor((m) => m.type === 'ready');
  const exit = await victim.get('/refer/exit');
  assert.equal(exit.status, 303);
  const ended = await a.waitFor((m) => m.type === 'event' && m.kind === 'ended');
  assert.equal(ended.party, 'victim');
  assert.equal((await a.waitClosed()).code, 1000);
  assert.equal((await v.waitClosed()).code, 1000);
});

test('signing out closes the advisor\'s sockets in every tab, and the victim\'s stays', async () => {
  const { victim, advisor, id, csrf } = await takenChat(server.url);
  const tabs = [await advisorSocket(advisor, id), await advisorSocket(advisor, id)];
  const v = await victimSocket(victim);
  for (const s of [...tabs, v]) await s.waitFor((m) => m.type === 'ready');
  const signedOut = await advisor.post('/sign-out', { csrf_token: csrf });
  assert.equal(signedOut.status, 303);
  for (const tab of tabs) assert.deepEqual(await tab.waitClosed(10_000), { code: 1008, reason: 'Signed out' });
  assert.equal((await advisorSocket(advisor, id)).refused, 404, 'the old cookie opens nothing');
  v.send({ type: 'message', text: 'Are you still there?' });
  await v.waitFor((m) => m.type === 'sent');
  assert.equal(v.closed, null, 'the victim\'s socket is the victim\'s');
  v.close();
  await victim.post('/chat/end', {});
});

test('an account disabled from the command line has its sockets closed', async () => {
  const leader = await signedInBrowser(server.url, ...LEADER);
  const { victim, id } = await takenChat(server.url, server.url, leader);
  const a = await advisorSocket(leader, id);
  await a.waitFor((m) => m.type === 'ready');
  try {
    vg(['users', 'disable', '--email', LEADER[0]], server.env);
    assert.deepEqual(await a.waitClosed(10_000), { code: 1008, reason: 'Signed out' });
  } finally {
    vg(['users', 'enable', '--email', LEADER[0]], server.env);
  }
  await victim.post('/chat/end', {});
});

const metric = (text, series) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
};
const scrape = async () => (await fetch(`${server.url}/metrics`)).text();

test('each handshake is in the access log by its path template, and counted with the open sockets in /metrics', async () => {
  const { victim, advisor, id } = await takenChat(server.url);
  const accepted = 'vg_chat_socket_handshakes_total{side="advisor",outcome="accepted"}';
  const crossSite = 'vg_chat_socket_handshakes_total{side="victim",outcome="cross_site"}';
  const notFound = 'vg_chat_socket_handshakes_total{side="advisor",outcome="not_found"}';
  // Sockets of the tests before may still be closing: start from a count that holds still.
  let before = await scrape();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await scrape();
    if (metric(now, 'vg_chat_sockets_open') === metric(before, 'vg_chat_sockets_open')) break;
    before = now;
  }

  const a = await advisorSocket(advisor, id);
  await a.waitFor((m) => m.type === 'ready');
  assert.equal((await victimSocket(victim, 0, { origin: 'http://evil.example' })).refused, 403);
  assert.equal((await advisorSocket(advisor, '00000000-0000-4000-8000-000000000000')).refused, 404);

  const during = await scrape();
  assert.equal(metric(during, accepted), metric(before, accepted) + 1);
  assert.equal(metric(during, crossSite), metric(before, crossSite) + 1);
  assert.equal(metric(during, notFound), metric(before, notFound) + 1);
  assert.equal(metric(during, 'vg_chat_sockets_open'), metric(before, 'vg_chat_sockets_open') + 1);
  assert.ok(metric(during, 'vg_http_requests_total{route="/staff/chats/{id}/live",method="GET",status="101"}') >= 1);

  await logsCaughtUp(server);
  const lines = logEntries(server).filter((e) => e.msg === 'request' && /\/live$/.test(e.route));
  assert.ok(lines.some((e) => e.route === '/staff/chats/{id}/live' && e.status === 101), 'the accepted handshake');
  assert.ok(lines.some((e) => e.route === '/chat/live' && e.status === 403), 'the refused one, by its template');
  assert.ok(lines.some((e) => e.route === '/staff/chats/{id}/live' && e.status === 404));
  assert.ok(!JSON.stringify(lines).includes(id), 'no chat id in a handshake\'s line');

  a.close();
  const deadline = Date.now() + 5_000;
  while (metric(await scrape(), 'vg_chat_sockets_open') !== metric(before, 'vg_chat_sockets_open') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(metric(await scrape(), 'vg_chat_sockets_open'), metric(before, 'vg_chat_sockets_open'), 'a closed socket is no longer counted');
  await victim.post('/chat/end', {});
});
