import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext } from '../../shared/contract'
import type { FaceFilter, FaceSort } from '../../shared/domain/face'
import type { DatasetId, FaceId, RunId } from '../../shared/domain/ids'
import { queryFaceIds } from '../db/queries/faceQuery'
import { importDataset } from '../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { createFaceHandlers } from './faceService'

const ctx: CallContext = { origin: 'test', log: () => {} }
let store: TempStore
let datasetId: DatasetId
let faces: ReturnType<typeof createFaceHandlers>

/**
 * Eight faces (ids 1..8): labels angry, angry, fear, happy, happy, sad, neutral, happy; faces 4 and 8
 * are pixel-identical (one in train, one in test); face 2 is relabeled to disgust; faces 1..3 have
 * FER+ votes. Run 1 (completed) and run 2 (completed, newer) store predictions; run 3 is still
 * running and must never be the default.
 */
beforeEach(async () => {
  store = createTempStore()
  const labels = [0, 0, 2, 3, 3, 4, 6, 3]
  const splits = [
    'Training',
    'Training',
    'Training',
    'Training',
    'PublicTest',
    'PublicTest',
    'PrivateTest',
    'PrivateTest',
  ]
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    labels.map((label, i) => ({
      label,
      pixels: testFace(i === 7 ? 4 : i + 1),
      usage: splits[i] as string,
    })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
  const sql = store.db
  sql.prepare('UPDATE faces SET label = 1 WHERE id = 2').run()
  sql
    .prepare(
      "UPDATE faces SET ferplus_votes = '[0,0,0,0,8,0,2,0,0,0]', ferplus_majority = 0 WHERE id IN (1, 2)",
    )
    .run()
  sql
    .prepare(
      "UPDATE faces SET ferplus_votes = '[9,0,0,0,0,0,1,0,0,0]', ferplus_majority = 6 WHERE id = 3",
    )
    .run()
  for (const [id, status] of [
    [1, 'completed'],
    [2, 'completed'],
    [3, 'running'],
  ] as const) {
    sql
      .prepare(
        "INSERT INTO runs (id, dataset_id, name, status, config, created_at) VALUES (?, ?, ?, ?, '{}', 0)",
      )
      .run(id, datasetId, `run ${id}`, status)
  }
  const predict = sql.prepare(
    'INSERT INTO predictions (run_id, face_id, predicted, confidence, p0, p1, p2, p3, p4, p5, p6) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  /** A prediction of `label` with `confidence`, the rest spread evenly, and `own` on `ownLabel`. */
  const add = (
    run: number,
    face: number,
    label: number,
    confidence: number,
    ownLabel: number,
    own: number,
  ): void => {
    const p = new Array<number>(7).fill(0)
    p[label] = confidence
    if (ownLabel !== label) p[ownLabel] = own
    predict.run(run, face, label, confidence, ...p)
  }
  // Run 2 (the default): faces 1..7 predicted; face 8 has none.
  add(2, 1, 0, 0.9, 0, 0.9) // agrees
  add(2, 2, 0, 0.8, 1, 0.05) // says angry, label disgust: suspicion 0.95
  add(2, 3, 6, 0.6, 2, 0.3) // says neutral, label fear: suspicion 0.7
  add(2, 4, 3, 0.99, 3, 0.99)
  add(2, 5, 4, 0.5, 3, 0.1) // says sad, label happy: suspicion 0.9
  add(2, 6, 4, 0.7, 4, 0.7)
  add(2, 7, 6, 0.4, 6, 0.4)
  add(1, 1, 5, 0.3, 0, 0.2) // the older run disagrees on face 1
  add(3, 1, 2, 0.99, 0, 0.01)
  faces = createFaceHandlers({ db: store.db, dataDir: store.dir, emit: () => {}, log: () => {} })
})
afterEach(() => store.cleanup())

const query = async (filter: FaceFilter, sort: FaceSort = 'id'): Promise<number[]> =>
  (await faces['faces.query']({ datasetId, filter, sort }, ctx)).ids

describe('faces.query', () => {
  it('filters on labels, splits, duplicates, relabels and FER+ majority', async () => {
    expect(await query({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(await query({ labels: ['happy'] })).toEqual([4, 5, 8])
    expect(await query({ labels: ['happy', 'disgust'], splits: ['train'] })).toEqual([2, 4])
    expect(await query({ splits: ['validation', 'test'] })).toEqual([5, 6, 7, 8])
    expect(await query({ duplicatesOnly: true })).toEqual([4, 8])
    expect(await query({ relabeledOnly: true })).toEqual([2])
    expect(await query({ ferPlusMajority: ['angry'] })).toEqual([1, 2])
    expect(await query({ ferPlusMajority: ['neutral'], labels: ['fear'] })).toEqual([3])
    expect(await query({ labels: [] })).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it("filters on the default run's predictions: predicted label, confidence range, disagreement", async () => {
    expect(await query({ predicted: ['sad'] })).toEqual([5, 6])
    expect(await query({ minConfidence: 0.7 })).toEqual([1, 2, 4, 6])
    expect(await query({ maxConfidence: 0.6 })).toEqual([3, 5, 7])
    expect(await query({ minConfidence: 0.5, maxConfidence: 0.7 })).toEqual([3, 5, 6])
    expect(await query({ disagreesOnly: true })).toEqual([2, 3, 5])
    expect(await query({ disagreesOnly: true, splits: ['train'] })).toEqual([2, 3])
  })

  it('sorts by confidence and by suspicion (1 - probability of the current label), unpredicted faces last', async () => {
    expect(await query({}, 'confidence-asc')).toEqual([7, 5, 3, 6, 2, 1, 4, 8])
    expect(await query({}, 'confidence-desc')).toEqual([4, 1, 2, 6, 3, 5, 7, 8])
    expect(await query({}, 'suspicion')).toEqual([2, 5, 3, 7, 6, 1, 4, 8])
    expect(await query({ labels: ['happy'] }, 'suspicion')).toEqual([5, 4, 8])
  })

  it('uses the run asked for, and refuses a run of another dataset or none', async () => {
    expect(await query({ runId: 1 as RunId, disagreesOnly: true })).toEqual([1])
    expect(await query({ runId: 3 as RunId, predicted: ['fear'] })).toEqual([1])
    await expect(query({ runId: 9 as RunId })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('without a finished run, prediction filters match nothing and prediction sorts fall back to ids', async () => {
    store.db.prepare("UPDATE runs SET status = 'failed' WHERE id IN (1, 2)").run()
    expect(await query({ disagreesOnly: true })).toEqual([])
    expect(await query({ labels: ['happy'] }, 'suspicion')).toEqual([4, 5, 8])
    expect(
      (await faces['faces.query']({ datasetId, filter: {}, sort: 'suspicion' }, ctx)).sortBasis,
    ).toBe('id')
  })

  it('filters on FER+ disagreement; without a model, "likely mislabelled" sorts FER+ disagreement first and says so', async () => {
    // Face 1 is angry with FER+ majority angry; face 2 is disgust (relabelled) with majority
    // angry; face 3 is fear with majority neutral.
    expect(await query({ ferPlusDisagrees: true })).toEqual([2, 3])
    store.db.prepare('UPDATE datasets SET has_ferplus = 1').run()
    store.db.prepare("UPDATE runs SET status = 'failed' WHERE id IN (1, 2)").run()
    const answer = await faces['faces.query']({ datasetId, filter: {}, sort: 'suspicion' }, ctx)
    expect(answer.ids).toEqual([2, 3, 1, 4, 5, 6, 7, 8])
    expect(answer.sortBasis).toBe('ferplus')
    store.db.prepare("UPDATE runs SET status = 'completed' WHERE id = 2").run()
    const withModel = await faces['faces.query']({ datasetId, filter: {}, sort: 'suspicion' }, ctx)
    expect(withModel.sortBasis).toBe('model')
    expect(withModel.ids).toEqual([2, 5, 3, 7, 6, 1, 4, 8])
  })

  it('answers a label filter from the covering index, without reading the pixel-heavy rows', () => {
    const plans: string[] = []
    const db = new Proxy(store.db, {
      get(target, key) {
        if (key !== 'prepare') return Reflect.get(target, key) as unknown
        return (sql: string) => {
          const plan = target.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(datasetId, 3, 4) as {
            detail: string
          }[]
          plans.push(plan.map((p) => p.detail).join(' | '))
          return target.prepare(sql)
        }
      },
    })
    expect(queryFaceIds(db, datasetId, { labels: ['happy', 'sad'] }, 'id', null)).toEqual([
      4, 5, 6, 8,
    ])
    expect(plans[0]).toMatch(/COVERING INDEX faces_grid/)
  })
})

describe('faces.get, faces.pixels, faces.duplicates', () => {
  it('returns summaries in the order asked, with the default run prediction relative to the current label', async () => {
    const summaries = await faces['faces.get']({ ids: [5, 2, 8] as FaceId[] }, ctx)
    expect(summaries.map((s) => s.id)).toEqual([5, 2, 8])
    expect(summaries[1]).toMatchObject({
      id: 2,
      datasetId,
      split: 'train',
      label: 'disgust',
      originalLabel: 'angry',
      sourceFile: 'fer.csv',
      sourceRow: 2,
      duplicateGroup: null,
      isBlank: false,
      ferPlusVotes: [0, 0, 0, 0, 8, 0, 2, 0, 0, 0],
      prediction: { runId: 2, label: 'angry', confidence: 0.8, labelProbability: 0.05 },
    })
    expect(summaries[1]?.prediction?.probabilities).toHaveLength(7)
    expect(summaries[2]).toMatchObject({ duplicateGroup: 4, prediction: null })
    const fromRun1 = await faces['faces.get']({ ids: [1] as FaceId[], runId: 1 as RunId }, ctx)
    expect(fromRun1[0]?.prediction).toMatchObject({
      runId: 1,
      label: 'surprise',
      labelProbability: 0.2,
    })
    await expect(faces['faces.get']({ ids: [1, 77] as FaceId[] }, ctx)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('gives pixels and the exact duplicates of a face', async () => {
    const pixels = await faces['faces.pixels']({ faceId: 3 as FaceId }, ctx)
    expect(pixels.size).toBe(48)
    expect(pixels.pixels).toEqual(Array.from(testFace(3)))
    const duplicates = await faces['faces.duplicates']({ faceId: 8 as FaceId }, ctx)
    expect(duplicates.map((d) => [d.id, d.split])).toEqual([
      [4, 'train'],
      [8, 'test'],
    ])
    expect(
      (await faces['faces.duplicates']({ faceId: 1 as FaceId }, ctx)).map((d) => d.id),
    ).toEqual([1])
  })
})
