// Referrals sent to POST /api/v1/referrals over many connections at once, each remembered with
// what came back (or that nothing did), for the tests that break the server or its database
// midway and then check that every 201 is kept. Bodies are the Merseyside routing examples sent
// by the police, each with a crime reference of its own; invented people only.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sourceDir, vg } from './server.mjs';

const POLICE_ORG = '7a1c0e52-3d4b-4c1e-9f00-000000000003';  // Merseyside Police (demo)

const kMaxPerConnection = 5000;  // bounds a run whose stop never comes

// The routing examples a police force's key may send (channel police, Merseyside's force code).
export function policeExamples() {
  const dir = path.join(sourceDir, 'tests/routing/merseyside');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')).referral)
    .filter((r) => r.channel === 'police' && r.police_force_code === 'E23000004');
}

// Makes referral `n` of a run: a random example under the crime reference `${prefix}-${n}`, with
// an Idempotency-Key two times in three (a client that retries), without one otherwise.
export function referralMaker(random, prefix) {
  const examples = policeExamples();
  let n = 0;
  return () => {
    n += 1;
    const crimeReference = `${prefix}-${n}`;
    const body = JSON.stringify({ ...random.pick(examples), crime_reference: crimeReference });
    return { crimeReference, body, idempotencyKey: random.next() < 2 / 3 ? `key-${crimeReference}` : undefined };
  };
}

// Sends one referral (an item from referralMaker) and notes on it what came back: status (0 for
// no answer), content type, text, when it was sent and how long it took.
export async function sendReferral(url, apiKey, item, timeoutMs = 30_000) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
  if (item.idempotencyKey) headers['idempotency-key'] = item.idempotencyKey;
  const started = Date.now();
  try {
    const res = await fetch(`${url}/api/v1/referrals`, { method: 'POST', headers, body: item.body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return Object.assign(item, { status: res.status, contentType: res.headers.get('content-type') ?? '', text, error: undefined, startedAt: started, ms: Date.now() - started });
  } catch (e) {
    return Object.assign(item, { status: 0, error: String(e.cause?.code ?? e.name ?? e), text: '', startedAt: started, ms: Date.now() - started });
  }
}

// `connections` senders, each sending one referral after another until stop(). `sent` lists every
// item as it goes out; its answer is filled in when it comes. After an answer other than 201 a
// sender pauses `pauseAfterFailureMs`, so an outage is not a busy loop.
export function startReferralLoad({ url, apiKey, make, connections, timeoutMs = 30_000, pauseAfterFailureMs = 0 }) {
  const sent = [];
  let stopped = false;
  const sender = async () => {
    for (let n = 0; !stopped && n < kMaxPerConnection; n += 1) {
      const item = make();
      sent.push(item);
      await sendReferral(typeof url === 'function' ? url() : url, apiKey, item, timeoutMs);
      if (item.status !== 201 && pauseAfterFailureMs > 0 && !stopped) {
        await new Promise((resolve) => setTimeout(resolve, pauseAfterFailureMs));
      }
    }
  };
  const done = Promise.all(Array.from({ length: connections }, sender));
  return {
    sent,
    answered: (status) => sent.filter((i) => i.status === status),
    async stop() {
      stopped = true;
      await done;
    },
  };
}

// `count` invented burglaries reported to Merseyside Police, sent through the API under a key
// made for its organisation, each answered 201 (throws otherwise). `prefix` keeps their crime
// references apart; `localAuthority(n)` places referral n (Liverpool unless told).
export async function sendInventedBurglaries(server, { count, prefix, localAuthority = () => 'E08000012' }) {
  const out = vg(['api-keys', 'create', '--org', POLICE_ORG], server.env).stdout.trim().split('\n');
  const key = out[out.length - 1].trim();
  for (let n = 1; n <= count; n += 1) {
    const res = await fetch(`${server.url}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        channel: 'police', area: 'merseyside', reported_to_police: true,
        police_force_code: 'E23000004', crime_reference: `${prefix}/${n}/26`,
        incident_date: '2026-11-20', date_reported: '2026-11-21', offence_category: 'burglary_residential',
        local_authority: localAuthority(n),
        victim: { type: 'person', name: `Sam Inventedname${n}`, date_of_birth: `1980-01-0${n}`, phone: `0151 496 07${n}0` },
      }),
    });
    if (res.status !== 201) throw new Error(`referral ${n}: ${res.status} ${await res.text()}`);
  }
}
