/**
 * A small seeded pseudo-random generator (xoshiro128**, Blackman and Vigna), so that every
 * resampling decision is reproducible: the same input and seed give the same interval.
 */

/** Returns uniform doubles in [0, 1). */
export type Rng = () => number;

/** xoshiro128** from an explicit 4 × 32-bit state (not all zero). Exposed for reference tests. */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let s0 = state[0] >>> 0;
  let s1 = state[1] >>> 0;
  let s2 = state[2] >>> 0;
  let s3 = state[3] >>> 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32 step: spreads one seed over the four state words. */
function splitmix32(seed: number): () => number {
  let z = seed >>> 0;
  return () => {
    z = (z + 0x9e3779b9) >>> 0;
    let x = z;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
}

/**
 * A seeded generator of uniform doubles in [0, 1).
 * @param seed any 32-bit integer; equal seeds give equal sequences.
 */
export function createRng(seed: number): Rng {
  const sm = splitmix32(seed);
  const next = xoshiro128ss([sm(), sm(), sm(), sm() | 1]);
  return () => next() / 4294967296;
}

/** A uniform integer in [0, n). */
export function randomIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** A standard normal deviate (Box–Muller). */
export function randomNormal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
