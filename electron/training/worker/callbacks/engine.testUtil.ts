import { expect } from 'vitest'

import type { ComputeEngine, EngineSnapshot } from '../engine/types'
import { FACE_SIZE, syntheticSnapshot } from '../../main/trainerFixtures.testUtil'
import { oneHotTargets } from '../data/targets'

const BATCH = syntheticSnapshot({ train: 2 }, 9)

/** One real optimizer step on 14 synthetic faces, so the weights move. */
export async function stepOnce(engine: ComputeEngine, learningRate = 0.05): Promise<void> {
  const x = Float32Array.from(BATCH.pixels, (v) => v / 255)
  const y = Int32Array.from(BATCH.labels)
  await engine.trainBatch({
    x,
    targets: oneHotTargets(y),
    count: BATCH.count,
    sampleWeights: null,
    learningRate,
  })
  expect(x.length).toBe(BATCH.count * FACE_SIZE * FACE_SIZE)
}

/** True when every weight array holds exactly the same values. */
export function sameWeights(a: EngineSnapshot, b: EngineSnapshot): boolean {
  return (
    a.weights.length === b.weights.length &&
    a.weights.every((w, i) => {
      const other = b.weights[i]!.values
      return w.values.length === other.length && w.values.every((v, j) => v === other[j])
    })
  )
}
