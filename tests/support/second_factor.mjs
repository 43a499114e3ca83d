// The second factor as a person's authenticator app would answer it, for tests: TOTP codes
// (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) computed with node:crypto, for a server's clock.
// The server refuses a step a user has spent, so each sign-in here takes a step not yet spent
// by that user, waiting for the next step when the three the server accepts are used up.
import { createHmac } from 'node:crypto';
import { parseDemoLogins } from './demo_logins.mjs';

const STEP_MS = 30_000;
const secrets = new Map();      // email, or "<origin> <email>" for a key a test enrolled
const clockOffsets = new Map(); // server origin -> ms its clock is ahead of this process's
const lastSteps = new Map();    // "<origin> <email>" -> the last step a code was made for

const originOf = (url) => new URL(url).origin;

// RFC 4648 base32 (case and spaces ignored) to bytes.
export function base32Bytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.toUpperCase().replace(/[\s=-]/g, '')) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The code for `step` (RFC 4226 dynamic truncation), `digits` long with leading zeros.
export function totpCode(secretBase32, step, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

// Keys from demo-data's printed log-ins (server.mjs's vg() passes every demo-data output here).
export function rememberDemoSecrets(output) {
  for (const login of parseDemoLogins(output)) {
    if (login.totpSecret) secrets.set(login.email, login.totpSecret);
  }
}

// A key a test enrolled a user with on one server (the demo keys hold on every server).
export function rememberSecret(serverUrl, email, secretBase32) {
  secrets.set(`${originOf(serverUrl)} ${email}`, secretBase32);
}

export function secretFor(serverUrl, email) {
  return secrets.get(`${originOf(serverUrl)} ${email}`) ?? secrets.get(email) ?? null;
}

// The server's clock (tests may start it elsewhere with VG_CLOCK_START): from its "listening" line.
export function rememberServerClock(serverUrl, serverNowMs) {
  clockOffsets.set(originOf(serverUrl), serverNowMs - Date.now());
}

export const serverNow = (serverUrl) => Date.now() + (clockOffsets.get(originOf(serverUrl)) ?? 0);
export const stepAt = (ms) => Math.floor(ms / STEP_MS);

// A step the server accepts now (its current one or one either side) that this user has not
// spent; the steps at an edge are skipped, so a request a little late or early still lands.
export async function unspentStep(serverUrl, email) {
  const key = `${originOf(serverUrl)} ${email}`;
  for (;;) {
    const now = serverNow(serverUrl);
    const step = stepAt(now);
    const into = now - step * STEP_MS;
    const candidates = [];
    if (into < STEP_MS - 3_000) candidates.push(step - 1);
    candidates.push(step);
    if (into > 2_000) candidates.push(step + 1);
    const last = lastSteps.get(key) ?? -Infinity;
    const pick = candidates.find((c) => c > last);
    if (pick !== undefined) {
      lastSteps.set(key, pick);
      return pick;
    }
    await new Promise((resolve) => setTimeout(resolve, STEP_MS - into + 500));
  }
}

// Marks `step` spent for the user (a test that typed a code of its own).
export function spentStep(serverUrl, email, step) {
  const key = `${originOf(serverUrl)} ${email}`;
  lastSteps.set(key, Math.max(lastSteps.get(key) ?? -Infinity, step));
}

// A code for the user that the server will accept once.
export async function freshCode(serverUrl, email, secretBase32 = secretFor(serverUrl, email)) {
  if (!secretBase32) throw new Error(`no authenticator key known for ${email}`);
  return totpCode(secretBase32, await unspentStep(serverUrl, email));
}

// The key an enrolment page shows, from its otpauth:// link.
export function secretFromSetUpPage(html) {
  return html.match(/otpauth:\/\/totp\/[^"]*[?&;]secret=([A-Z2-7]+)/)?.[1] ?? null;
}

// The recovery codes page's codes.
export function recoveryCodesFromPage(html) {
  const list = html.match(/<ul class="govuk-list" id="recovery-codes">([\s\S]*?)<\/ul>/)?.[1] ?? '';
  return [...list.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]);
}
