import { describe, expect, it } from 'vitest'

import { createTrainingData, evaluationIndices, runSplits } from './trainerData'
import { syntheticSnapshot, testConfig } from '../main/trainerFixtures.testUtil'

describe('trainerData', () => {
  it('uses the stored splits when there are validation faces', () => {
    const snapshot = syntheticSnapshot({ train: 4, validation: 2 })
    const data = createTrainingData(snapshot, testConfig({ batchSize: 8 }))
    expect(data.validationSource).toBe('stored')
    expect(data.train.count).toBe(28)
    expect(data.validation!.count).toBe(14)
    expect(data.batchesPerEpoch).toBe(4)
  })

  it('holds out a stratified, seeded share of train when there is no validation split', () => {
    const snapshot = syntheticSnapshot({ train: 10, test: 1 })
    const config = testConfig({ holdoutFraction: 0.2, seed: 3 })
    const splits = runSplits(snapshot, config)
    expect(splits.validationSource).toBe('holdout')
    expect(splits.validation.length).toBe(14) // 2 of each class's 10
    const labels = Array.from(splits.validation, (i) => snapshot.labels[i])
    expect(new Set(labels).size).toBe(7)
    expect(splits.train.length + splits.validation.length).toBe(70)
    expect(Array.from(evaluationIndices(snapshot, 'validation', config))).toEqual(
      Array.from(splits.validation),
    )
    expect(evaluationIndices(snapshot, 'test', config).length).toBe(7)
    expect(Array.from(runSplits(snapshot, config).validation)).toEqual(
      Array.from(splits.validation),
    )
  })

  it('caps train faces with maxTrainFaces and sizes epochs after oversampling', () => {
    const snapshot = syntheticSnapshot({ train: 10, validation: 1 })
    const capped = createTrainingData(snapshot, testConfig({ maxTrainFaces: 20 }))
    expect(capped.train.count).toBe(20)
    const oversampled = createTrainingData(
      snapshot,
      testConfig({
        maxTrainFaces: 20,
        batchSize: 10,
        balance: { oversampleTo: 'max', classWeights: 'balanced' },
      }),
    )
    const counts = new Array(7).fill(0)
    oversampled.train.labels.forEach((l) => counts[l]++)
    expect(oversampled.samplesPerEpoch).toBe(Math.max(...counts) * 7)
    const first = [...oversampled.batches(1)][0]!
    expect(first.sampleWeights).not.toBeNull()
    expect(oversampled.classWeights!.every((w) => Math.abs(w - 1) < 1e-9)).toBe(true)
  })
})
