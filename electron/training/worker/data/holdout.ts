import { createRng, mixSeed } from './rng'

/** Stream id so the holdout's randomness differs from an epoch's at the same seed. */
const HOLDOUT_STREAM = 0x401d

/**
 * Splits face indices 0..labels.length-1 into train and validation, class by class, so the
 * validation side has each class's share (`fraction`, rounded) and every class with at least two
 * faces keeps at least one on each side; a class with a single face stays in train. Deterministic
 * for a seed; both index lists are ascending and together cover every index exactly once.
 */
export function stratifiedHoldout(
  labels: Int32Array,
  fraction: number,
  seed: number,
): { train: Int32Array; validation: Int32Array } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new Error(`stratifiedHoldout: fraction must be between 0 and 1, got ${fraction}`)
  }
  const byClass = new Map<number, number[]>()
  labels.forEach((label, index) => {
    const members = byClass.get(label)
    if (members === undefined) byClass.set(label, [index])
    else members.push(index)
  })
  const rng = createRng(mixSeed(seed, HOLDOUT_STREAM))
  const isValidation = new Uint8Array(labels.length)
  let validationCount = 0
  // Classes in ascending order so the draws do not depend on which label came first.
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(byClass.get(label) as number[])
    const take =
      members.length < 2
        ? 0
        : Math.min(members.length - 1, Math.max(1, Math.round(members.length * fraction)))
    for (let i = 0; i < take; i++) isValidation[members[i] as number] = 1
    validationCount += take
  }
  const train = new Int32Array(labels.length - validationCount)
  const validation = new Int32Array(validationCount)
  for (let i = 0, t = 0, v = 0; i < labels.length; i++) {
    if (isValidation[i] === 1) validation[v++] = i
    else train[t++] = i
  }
  return { train, validation }
}
