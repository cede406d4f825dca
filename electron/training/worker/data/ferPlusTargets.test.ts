import { describe, expect, it } from 'vitest'

import { FERPLUS_VOTE_NAMES } from '../../../../shared/domain/ferplus'
import { syntheticSnapshot, testConfig } from '../../main/trainerFixtures.testUtil'
import { createTrainingData } from '../trainerData'
import { VOTE_COLUMNS } from '../../common/snapshot'

const column = (name: string) => FERPLUS_VOTE_NAMES.indexOf(name)

/** 7 train faces per class and 1 validation face each; train face k gets votes by k % 4. */
function votedSnapshot() {
  const snapshot = syntheticSnapshot({ train: 7, validation: 1 })
  const votes = new Uint8Array(snapshot.count * VOTE_COLUMNS)
  for (let i = 0; i < snapshot.count; i++) {
    const row = votes.subarray(i * VOTE_COLUMNS, (i + 1) * VOTE_COLUMNS)
    switch (i % 4) {
      case 0: // 8 happiness, 2 sadness
        row[column('happiness')] = 8
        row[column('sadness')] = 2
        break
      case 1: // not a face
        row[column('NF')] = 7
        row[column('neutral')] = 3
        break
      case 2: // only contempt and unknown: falls back to the label
        row[column('contempt')] = 6
        row[column('unknown')] = 4
        break
      default: // no votes at all
    }
  }
  return { ...snapshot, votes }
}

describe('FER+ targets in the training data', () => {
  it('trains on vote distributions, falls back to the label without usable votes', () => {
    const snapshot = votedSnapshot()
    const data = createTrainingData(snapshot, testConfig({ targets: 'ferplus', batchSize: 64 }))
    const trainCount = 49
    expect(data.train.count).toBe(trainCount)
    const byKind = [0, 0, 0, 0]
    for (let i = 0; i < snapshot.count; i++) if (snapshot.splits[i] === 0) byKind[i % 4]!++
    expect(data.targetNotes).toEqual({
      ferPlus: byKind[0]! + byKind[1]!,
      fallback: byKind[2]! + byKind[3]!,
      droppedNotAFace: 0,
    })
    const batch = [...data.batches(1)][0]!
    batch.faceIds.forEach((id, j) => {
      const index = id - 1
      const row = Array.from(batch.targets.subarray(j * 7, j * 7 + 7))
      const expected = [0, 0, 0, 0, 0, 0, 0]
      if (index % 4 === 0) {
        expected[3] = 0.8 // happy
        expected[4] = 0.2 // sad
      } else if (index % 4 === 1)
        expected[6] = 1 // neutral: NF votes dropped
      else expected[snapshot.labels[index]!] = 1
      row.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 6))
    })
    // Validation stays on the labels.
    expect(Array.from(data.validation!.y)).toEqual(Array.from(data.validation!.labels))
  })

  it('leaves not-a-face majority faces out of training when asked, on labels or FER+', () => {
    const snapshot = votedSnapshot()
    const notAFace = Array.from({ length: 49 }, (_, i) => i).filter((i) => i % 4 === 1).length
    for (const targets of ['labels', 'ferplus'] as const) {
      const data = createTrainingData(snapshot, testConfig({ targets, dropNotAFace: true }))
      expect(data.train.count).toBe(49 - notAFace)
      expect(data.targetNotes.droppedNotAFace).toBe(notAFace)
      expect(Array.from(data.train.faceIds).every((id) => (id - 1) % 4 !== 1)).toBe(true)
      expect(data.validation!.count).toBe(7)
    }
  })

  it('keeps each face with its own target when capped by maxTrainFaces', () => {
    const data = createTrainingData(
      votedSnapshot(),
      testConfig({ targets: 'ferplus', maxTrainFaces: 20, batchSize: 20 }),
    )
    expect(data.train.count).toBe(20)
    // The notes count the faces the run trains on, not the whole train split.
    expect(data.targetNotes.ferPlus + data.targetNotes.fallback).toBe(20)
    const batch = [...data.batches(1)][0]!
    batch.faceIds.forEach((id, j) => {
      if ((id - 1) % 4 === 0) expect(batch.targets[j * 7 + 3]).toBeCloseTo(0.8, 6)
    })
  })

  it('refuses FER+ settings on a snapshot without votes, saying what to do', () => {
    const snapshot = syntheticSnapshot({ train: 1 })
    expect(() => createTrainingData(snapshot, testConfig({ targets: 'ferplus' }))).toThrow(
      /uses FER\+ votes.*has none.*attach-ferplus/,
    )
  })
})
