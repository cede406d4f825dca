/**
 * A small seeded generator (mulberry32) for dropout masks, so a run with the same seed draws
 * the same masks; tfjs' own dropout is either unseeded or repeats one mask every step.
 */
export function createRandom(seed: number): () => number {
  let state = (seed ^ 0x9e3779b9) >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
