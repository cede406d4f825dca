import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { EvaluationResult } from '../../../shared/domain/training'
import type { RunId } from '../../../shared/domain/ids'
import { importDataset } from '../../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../../importers/storeFixtures.testUtil'
import type { TempStore } from '../../importers/storeFixtures.testUtil'
import { countChangedSinceEvaluation, evaluationCellFaces, putEvaluation } from './runEvaluations'

let store: TempStore
let datasetId: number

const RESULT: EvaluationResult = {
  runId: 1 as RunId,
  split: 'validation',
  tta: 'none',
  epoch: null,
  confusion: Array.from({ length: 7 }, () => [0, 0, 0, 0, 0, 0, 0]),
  accuracy: 0,
  loss: null,
  perClass: [],
  macro: { precision: 0, recall: 0, f1: 0 },
  weighted: { precision: 0, recall: 0, f1: 0 },
}

/**
 * Faces 1-2 in train, 3-6 in validation (labels angry, angry, happy, happy). Run 1 evaluated
 * faces 3-5 on validation with those labels; its predictions: 3 angry, 4 happy, 5 angry, 6 happy.
 * Face 6 came into validation after the evaluation.
 */
beforeEach(async () => {
  store = createTempStore()
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    [0, 0, 0, 0, 3, 3].map((label, i) => ({
      label,
      pixels: testFace(i + 1),
      usage: i < 2 ? 'Training' : 'PublicTest',
    })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
  store.db
    .prepare(
      "INSERT INTO runs (id, dataset_id, name, status, config, created_at) VALUES (1, ?, 'r', 'completed', '{}', 0)",
    )
    .run(datasetId)
  const predict = store.db.prepare(
    'INSERT INTO predictions (run_id, face_id, predicted, confidence, p0, p1, p2, p3, p4, p5, p6) VALUES (1, ?, ?, 0.9, 0, 0, 0, 0, 0, 0, 0)',
  )
  for (const [face, predicted] of [
    [3, 0],
    [4, 3],
    [5, 0],
    [6, 3],
  ])
    predict.run(face, predicted)
  putEvaluation(
    store.db,
    RESULT,
    [
      [3, 0],
      [4, 0],
      [5, 3],
    ],
    1,
  )
  store.db.prepare('UPDATE faces SET excluded = ? WHERE id = 6').run('other')
})
afterEach(() => store.cleanup())

const changed = () => countChangedSinceEvaluation(store.db, 1, 'validation', datasetId)

describe('a stored evaluation', () => {
  it('opens a cell as it was counted: truth at evaluation time, the stored prediction', () => {
    expect(evaluationCellFaces(store.db, 1, 'validation', 0, 0)).toEqual([3])
    expect(evaluationCellFaces(store.db, 1, 'validation', 0, 3)).toEqual([4])
    expect(evaluationCellFaces(store.db, 1, 'validation', 3, 0)).toEqual([5])
    store.db.prepare('UPDATE faces SET label = 6 WHERE id = 4').run()
    expect(evaluationCellFaces(store.db, 1, 'validation', 0, 3)).toEqual([4])
    store.db.prepare('DELETE FROM faces WHERE id = 3').run()
    expect(evaluationCellFaces(store.db, 1, 'validation', 0, 0)).toEqual([])
    expect(evaluationCellFaces(store.db, 1, 'test', 0, 0)).toEqual([])
  })

  it('counts the faces changed since: relabelled, excluded, deleted, or newly included', () => {
    expect(changed()).toBe(0)
    store.db.prepare('UPDATE faces SET label = 6 WHERE id = 4').run()
    expect(changed()).toBe(1)
    store.db.prepare('UPDATE faces SET label = 0 WHERE id = 4').run()
    expect(changed()).toBe(0)
    store.db.prepare("UPDATE faces SET excluded = 'duplicate' WHERE id = 3").run()
    expect(changed()).toBe(1)
    store.db.prepare('UPDATE faces SET excluded = NULL WHERE id = 6').run()
    expect(changed()).toBe(2)
    store.db.prepare('DELETE FROM faces WHERE id = 5').run()
    expect(changed()).toBe(3)
    expect(countChangedSinceEvaluation(store.db, 1, 'test', datasetId)).toBe(0)
  })
})
