/**
 * A small seeded pseudo-random generator (mulberry32: 32-bit state, passes the usual statistical
 * batteries for this kind of use, and is a few nanoseconds a draw). Everything random in the data
 * pipeline and the demo dataset goes through it, so a seed reproduces a run exactly on any machine:
 * `Math.random` cannot be seeded and would make runs unrepeatable.
 */
export type Rng = {
  /** Uniform float in [0, 1). */
  next(): number
  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number
  /** Uniform float in [min, max). */
  range(min: number, max: number): number
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number
  /** Gaussian draw (Box-Muller). */
  normal(mean?: number, std?: number): number
  /** True with probability p. */
  chance(p: number): boolean
  /** Shuffles in place (Fisher-Yates) and returns the same array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T
}

const UINT32 = 4294967296

/** Creates a generator whose whole sequence is fixed by `seed` (any number; it is hashed to 32 bits). */
export function createRng(seed: number): Rng {
  let state = mixSeed(seed) | 0
  let spare: number | null = null

  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => nextUint32() / UINT32

  return {
    next,
    nextUint32,
    range: (min, max) => min + (max - min) * next(),
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    normal(mean = 0, std = 1) {
      if (spare !== null) {
        const z = spare
        spare = null
        return mean + std * z
      }
      // 1 - next() is in (0, 1], so the log is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()))
      const angle = 2 * Math.PI * next()
      spare = radius * Math.sin(angle)
      return mean + std * radius * Math.cos(angle)
    },
    chance: (p) => next() < p,
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        const tmp = items[i]
        items[i] = items[j]
        items[j] = tmp
      }
      return items
    },
  }
}

/**
 * Hashes any number of integers into one 32-bit seed, so independent streams can be derived from
 * (seed, epoch, batch, ...) without drawing from a shared generator: batch k of an epoch then has
 * the same randomness whether or not batches 0..k-1 ran (resuming from a checkpoint relies on it).
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9
  for (const part of parts) {
    // Split doubles into two 32-bit halves so seeds above 2^32 or with fractions still count.
    const lo = part >>> 0
    const hi = Math.floor(part / UINT32) >>> 0
    h = murmurMix(h ^ lo)
    h = murmurMix(h ^ hi)
  }
  return h >>> 0
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function murmurMix(x: number): number {
  let h = x | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}
