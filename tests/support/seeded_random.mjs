// Seeded randomness for the fault-injection tests: when a run fails, the seed it printed, set in
// the environment, makes the same choices again (when to kill, batch sizes, which referral).
// Never for anything secret: mulberry32 is a tiny generator, not a cryptographic one.
import { randomInt } from 'node:crypto';

// The seed `variable` names (an integer), or a fresh one.
export function seedFrom(variable) {
  const given = process.env[variable];
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`${variable} must be a whole number, not ${given}`);
    return seed;
  }
  return randomInt(0, 2 ** 31);
}

// A generator of numbers in [0, 1), the same sequence for the same seed, with helpers.
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    // A whole number from `low` to `high`, both included.
    between: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}
