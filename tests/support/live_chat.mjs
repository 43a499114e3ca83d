// Live chat fixtures for node tests: a victim's chat taken by the demo advisor, through the same
// pages a person uses, and the cookies each side's WebSocket presents.
import assert from 'node:assert/strict';
import { Browser, hiddenField, signedInBrowser } from './browser.mjs';

export const ADVISOR = ['advisor@demo.victim-gateway.test', 'demo-advisor-password'];

export const cookieHeader = (browser) => Object.entries(browser.cookies).map(([k, v]) => `${k}=${v}`).join('; ');

// The chat ids in the advisor's queue, longest waiting first.
export const queuedIds = (html) => [...html.matchAll(/action="\/staff\/chats\/([0-9a-f-]+)\/take"/g)].map((m) => m[1]);

// A victim starts a chat in Merseyside (on `victimUrl`) and the advisor takes it (on
// `advisorUrl`, which may be another process on the same database): { victim, advisor, id }.
// `advisor`: one signed in already, to reuse.
export async function takenChat(victimUrl, advisorUrl = victimUrl, advisor = undefined) {
  advisor ??= await signedInBrowser(advisorUrl, ...ADVISOR);
  await advisor.get('/staff/chats');  // the advisor is on: chats may start
  const victim = new Browser(victimUrl);
  const started = await victim.post('/chat/start', { area: 'merseyside' });
  assert.equal(started.status, 303, started.text.slice(0, 300));
  const queue = await advisor.get('/staff/chats');
  const id = queuedIds(queue.text).at(-1);  // the newest waits least
  const csrf = hiddenField(queue.text, 'csrf_token');
  assert.equal((await advisor.post(`/staff/chats/${id}/take`, { csrf_token: csrf })).status, 303);
  return { victim, advisor, id, csrf };
}
