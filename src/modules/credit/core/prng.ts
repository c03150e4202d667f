/**
 * A small, well-known, seedable PRNG so random inspection draws can be replayed by anyone from the published seed.
 *
 * Algorithm `cyrb128+sfc32/v1`, precisely:
 * 1. The seed string is hashed with cyrb128 (bryc, public domain) over its UTF-16 code units (`charCodeAt`), in
 *    its current form whose final mix is `h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1`, giving 4 × uint32.
 * 2. Those seed sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand) as a, b, c, d.
 * 3. The first 12 outputs are discarded (as PractRand's own sfc32 seeding does) to mix the state.
 * 4. An integer in [0, n) is drawn by rejection on uint32 outputs: reject x ≥ 2³² − (2³² mod n), return x mod n
 *    — no modulo bias.
 * Not cryptographic: the seed is published on purpose; fairness comes from fixing it before the pools are known
 * (or from a public source such as a lottery draw), not from secrecy.
 */
import { CreditRuleError } from './errors.js';

export const PRNG_ALGORITHM = 'cyrb128+sfc32/v1';

/** cyrb128 of a string → four unsigned 32-bit integers. */
export function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 over four 32-bit words → a generator of uint32 values. */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

export interface SeededRandom {
  /** next uint32 */
  nextUint32(): number;
  /** uniform integer in [0, n), 1 ≤ n ≤ 2³² */
  nextInt(n: number): number;
}

const TWO_32 = 4_294_967_296;

export function seededRandom(seed: string): SeededRandom {
  if (typeof seed !== 'string' || seed.length === 0) throw new CreditRuleError('SEED_REQUIRED');
  const next = sfc32(...cyrb128(seed));
  for (let i = 0; i < 12; i++) next();
  return {
    nextUint32: next,
    nextInt(n: number): number {
      if (!Number.isSafeInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`nextInt: n must be an integer in [1, 2^32], got ${n}`);
      const limit = TWO_32 - (TWO_32 % n);
      for (;;) {
        const x = next();
        if (x < limit) return x % n;
      }
    },
  };
}
