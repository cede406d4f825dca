import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'

/**
 * Writes face `j`'s target distribution into `out` (a batch's `count * NUM_EMOTIONS` targets):
 * its soft distribution when it has one (FER+ votes, `soft` row `index`), else its label one-hot;
 * then label smoothing, t <- (1 - eps) t + eps / 7 (Szegedy et al. 2016, Keras' definition).
 */
export function fillTarget(
  out: Float32Array,
  j: number,
  label: number,
  soft: Float32Array | null,
  index: number,
  smoothing: number,
): void {
  const row = out.subarray(j * NUM_EMOTIONS, (j + 1) * NUM_EMOTIONS)
  if (soft !== null) {
    row.set(soft.subarray(index * NUM_EMOTIONS, (index + 1) * NUM_EMOTIONS))
  } else {
    row.fill(0)
    row[label] = 1
  }
  if (smoothing > 0) {
    for (let k = 0; k < NUM_EMOTIONS; k++)
      row[k] = (1 - smoothing) * row[k]! + smoothing / NUM_EMOTIONS
  }
}

/** Labels as one-hot rows, `labels.length * NUM_EMOTIONS` (tests, benchmarks). */
export function oneHotTargets(labels: ArrayLike<number>): Float32Array {
  const out = new Float32Array(labels.length * NUM_EMOTIONS)
  for (let i = 0; i < labels.length; i++) out[i * NUM_EMOTIONS + labels[i]!] = 1
  return out
}
