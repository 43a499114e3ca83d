// Live chat without JavaScript (issue 16, first slice) over plain HTTP against a real server: no
// chat starts while no advisor is on (the page offers the self-referral and 999 instead); a
// victim starts one with no account (a cookie, never an id in an address), writes, and sees the
// advisor's answer after a refresh; the advisor's queue shows wait times; only the taker reads a
// chat; every chat response is no-store; messages are bounded; open chats are capped per
// address; and Exit this page ends the chat.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { querySqlite, startServer } from '../../support/server.mjs';
import { Browser, hiddenField, signedInBrowser } from '../../support/browser.mjs';

const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];
const LEADER = ['leader@demo.victim-gateway.test', 'demo-leader-password'];
const PARTNER = ['partner@demo.victim-gateway.test', 'demo-partner-password'];

let server;
before(async () => {
  server = await startServer({ env: { VG_EXIT_URL: 'http://127.0.0.1:9/weather' } });
}, { timeout: 300_000 });
after(async () => { await server?.stop(); });

const titleOf = (html) => html.match(/<title>([^<]*)<\/title>/)[1];
const textOf = (html) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noStore = (res, label) => assert.equal(res.headers.get('cache-control'), 'no-store', `${label} is no-store`);

// The chat ids in the advisor's queue, longest waiting first.
const queuedIds = (html) => [...html.matchAll(/action="\/staff\/chats\/([0-9a-f-]+)\/take"/g)].map((m) => m[1]);

async function victimStarts(victim) {
  const started = await victim.post('/chat/start', { area: 'merseyside' });
  assert.equal(started.status, 303, started.text.slice(0, 300));
  assert.equal(started.location, '/chat');
  noStore(started, 'starting');
  return started;
}

test('out of hours no chat starts, and the page offers the self-referral and 999', async () => {
  const victim = new Browser(server.url);
  const start = await victim.get('/chat');
  assert.equal(start.status, 200);
  noStore(start, 'the start page');
  assert.equal(titleOf(start.text), 'Talk to someone – Find support after a crime');
  const closed = await victim.post('/chat/start', { area: 'merseyside' });
  assert.equal(closed.status, 200);
  noStore(closed, 'the out-of-hours page');
  assert.match(textOf(closed.text), /No one is available to chat right now/);
  assert.match(closed.text, /href="\/refer"/);
  assert.match(textOf(closed.text), /call 999/);
  assert.equal(victim.cookies.vg_chat, undefined, 'no chat, no cookie');
  const nowhere = await victim.post('/chat/start', {});
  assert.equal(nowhere.status, 400);
  assert.match(nowhere.text, /href="#area"/);
  assert.match(titleOf(nowhere.text), /^Error: /);
});

test('a victim and an advisor chat, each seeing the other after a refresh', async () => {
  const advisor = await signedInBrowser(server.url, ...ADVISOR);
  const queue = await advisor.get('/staff/chats');
  assert.equal(queue.status, 200);
  noStore(queue, 'the queue');
  assert.match(textOf(queue.text), /No one is waiting/);

  const victim = new Browser(server.url);
  const started = await victimStarts(victim);
  const cookie = started.headers.getSetCookie().find((c) => c.startsWith('vg_chat='));
  assert.match(cookie, /; Path=\/; HttpOnly; SameSite=Strict/);
  assert.doesNotMatch(cookie, /Max-Age|Expires/, 'the cookie dies with the browser');
  const waiting = await victim.get('/chat');
  assert.equal(waiting.status, 200);
  noStore(waiting, 'the chat');
  assert.match(textOf(waiting.text), /Waiting for an advisor/);
  assert.equal(titleOf(waiting.text), 'Talk to someone – Find support after a crime');

  const sent = await victim.post('/chat/messages', { message: 'Hello, is anyone there?' });
  assert.equal(sent.status, 303);
  assert.equal(sent.location, '/chat#latest', 'no chat id in the address');
  noStore(sent, 'sending');

  const listed = await advisor.get('/staff/chats');
  const ids = queuedIds(listed.text);
  assert.equal(ids.length, 1);
  assert.match(textOf(listed.text), /Merseyside/);
  assert.match(textOf(listed.text), /Less than a minute/);
  assert.ok(!listed.text.includes('is anyone there'), 'the queue shows nothing a victim wrote');
  const csrf = hiddenField(listed.text, 'csrf_token');
  const taken = await advisor.post(`/staff/chats/${ids[0]}/take`, { csrf_token: csrf });
  assert.equal(taken.status, 303);
  assert.equal(taken.location, `/staff/chats/${ids[0]}`);
  noStore(taken, 'taking a chat');
  const chat = await advisor.get(taken.location);
  assert.equal(chat.status, 200);
  noStore(chat, 'the advisor\'s chat');
  assert.match(chat.text, /Hello, is anyone there\?/);
  const replied = await advisor.post(`/staff/chats/${ids[0]}/messages`, { csrf_token: csrf, message: 'Hello, I am here. How can I help?' });
  assert.equal(replied.status, 303);

  const seen = await victim.get('/chat');
  assert.match(textOf(seen.text), /An advisor joined the chat/);
  assert.match(seen.text, /Hello, I am here. How can I help\?/);

  // The words are sealed at rest.
  const rows = querySqlite(server, "SELECT body_sealed FROM chat_events WHERE kind = 'message'");
  assert.ok(!rows.includes('anyone there') && !rows.includes('How can I help'), 'no plain words in the database');

  // Only the advisor who took it reads it; a role without the line is refused at the door.
  const leader = await signedInBrowser(server.url, ...LEADER);
  assert.equal((await leader.get(`/staff/chats/${ids[0]}`)).status, 404);
  assert.equal((await leader.post(`/staff/chats/${ids[0]}/take`, { csrf_token: hiddenField((await leader.get('/staff/chats')).text, 'csrf_token') })).status, 409);
  const partner = await signedInBrowser(server.url, ...PARTNER);
  assert.equal((await partner.get('/staff/chats')).status, 403);

  // The victim ends it: the advisor sees it ended, and the victim's cookie goes.
  const left = await victim.post('/chat/end', {});
  assert.equal(left.status, 303);
  assert.equal(left.location, '/chat?left=1');
  assert.equal(victim.cookies.vg_chat, undefined);
  assert.match(textOf((await advisor.get(`/staff/chats/${ids[0]}`)).text), /This chat has ended/);
  assert.equal((await advisor.post(`/staff/chats/${ids[0]}/messages`, { csrf_token: csrf, message: 'Still there?' })).status, 409);
});

test('a message is bounded and an empty one is refused with the GOV.UK error summary', async () => {
  await signedInBrowser(server.url, ...ADVISOR).then((a) => a.get('/staff/chats'));
  const victim = new Browser(server.url);
  await victimStarts(victim);
  const empty = await victim.post('/chat/messages', { message: '   ' });
  assert.equal(empty.status, 400);
  noStore(empty, 'a refused message');
  assert.match(empty.text, /href="#message">Enter a message</);
  const long = await victim.post('/chat/messages', { message: 'a'.repeat(2001) });
  assert.equal(long.status, 400);
  assert.match(long.text, /2,000 characters or fewer/);
  assert.equal((await victim.post('/chat/messages', { message: 'a'.repeat(2000) })).status, 303);
  await victim.post('/chat/end', {});
});

test('open chats are capped per address', async () => {
  const advisor = await signedInBrowser(server.url, ...ADVISOR);
  await advisor.get('/staff/chats');
  const victims = [new Browser(server.url), new Browser(server.url), new Browser(server.url)];
  for (const v of victims) await victimStarts(v);
  const fourth = await new Browser(server.url).post('/chat/start', { area: 'merseyside' });
  assert.equal(fourth.status, 429);
  assert.match(textOf(fourth.text), /Too many chats are open from your connection/);
  for (const v of victims) assert.equal((await v.post('/chat/end', {})).status, 303);
  const again = new Browser(server.url);
  await victimStarts(again);
  await again.post('/chat/end', {});
});

test('Exit this page ends the chat and forgets the cookie', async () => {
  const advisor = await signedInBrowser(server.url, ...ADVISOR);
  await advisor.get('/staff/chats');
  const victim = new Browser(server.url);
  await victimStarts(victim);
  const token = victim.cookies.vg_chat;
  const ids = queuedIds((await advisor.get('/staff/chats')).text);
  assert.equal(ids.length, 1);
  const csrf = hiddenField((await advisor.get('/staff/chats')).text, 'csrf_token');
  assert.equal((await advisor.post(`/staff/chats/${ids[0]}/take`, { csrf_token: csrf })).status, 303);

  const exit = await victim.get('/refer/exit');
  assert.equal(exit.status, 303);
  assert.equal(exit.location, 'http://127.0.0.1:9/weather');
  noStore(exit, 'the exit');
  assert.ok(exit.headers.getSetCookie().some((c) => /^vg_chat=;.*Max-Age=0/.test(c)), 'the cookie is cleared');
  // The chat ends just after, on the service's worker: ask until it has (at most 5 s).
  const deadline = Date.now() + 5_000;
  let ended = false;
  while (!ended && Date.now() < deadline) {
    ended = /This chat has ended/.test((await advisor.get(`/staff/chats/${ids[0]}`)).text);
    if (!ended) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(ended, 'the advisor sees the chat ended');
  // The old cookie, presented again, finds nothing: the start page, and the cookie is cleared.
  const back = new Browser(server.url);
  back.cookies.vg_chat = token;
  const page = await back.get('/chat');
  assert.equal(page.status, 200);
  assert.match(textOf(page.text), /Where do you live/);
  assert.ok(!page.text.includes('Hello'), 'nothing of the chat');
  assert.equal(back.cookies.vg_chat, undefined);
});
