import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext } from '../../../shared/contract'
import type { DatasetId, FaceId } from '../../../shared/domain/ids'
import { importDataset } from '../../importers/importDataset'
import { createTempStore, testFace, writeFer2013Csv } from '../../importers/storeFixtures.testUtil'
import type { TempStore } from '../../importers/storeFixtures.testUtil'
import { createFaceHandlers } from '../../services/faceService'
import { createLabelHandlers } from '../../services/labelService'
import { summarizeDuplicates } from './datasets'
import { queryFaceIds } from './faceQuery'
import { planFinding } from './findings'

const ctx: CallContext = { origin: 'test', log: () => {} }
let store: TempStore
let datasetId: DatasetId

/**
 * Ten faces. Group A = faces 1 (train) and 2 (test): leakage. Group B = 3 and 4 (both train,
 * happy vs sad): a conflict. Group C = 5 (validation), 6 (test), 7 (train), all fear: leakage.
 * Faces 8 and 9 are blank (all zero, so also a group of their own, both train). Face 10 is unique.
 */
const ROWS: readonly { seed: number | 'blank'; label: number; usage: string }[] = [
  { seed: 1, label: 3, usage: 'Training' },
  { seed: 1, label: 3, usage: 'PrivateTest' },
  { seed: 2, label: 3, usage: 'Training' },
  { seed: 2, label: 4, usage: 'Training' },
  { seed: 3, label: 2, usage: 'PublicTest' },
  { seed: 3, label: 2, usage: 'PrivateTest' },
  { seed: 3, label: 2, usage: 'Training' },
  { seed: 'blank', label: 6, usage: 'Training' },
  { seed: 'blank', label: 6, usage: 'Training' },
  { seed: 4, label: 0, usage: 'Training' },
]

beforeEach(async () => {
  store = createTempStore()
  const file = writeFer2013Csv(
    path.join(store.dir, 'fer.csv'),
    ROWS.map((r) => ({
      label: r.label,
      usage: r.usage,
      pixels: r.seed === 'blank' ? new Uint8Array(48 * 48) : testFace(r.seed),
    })),
  )
  datasetId = (
    await importDataset({ db: store.db, dataDir: store.dir }, { path: file, name: 'fer' })
  ).datasetId
})
afterEach(() => store.cleanup())

const ids = (values: readonly number[]): FaceId[] => [...values] as FaceId[]

describe('findings as faces', () => {
  it('opens exactly the faces each finding counts, a group side by side', () => {
    const q = (finding: 'duplicates' | 'leakage' | 'conflicts' | 'blank') =>
      queryFaceIds(store.db, datasetId, { finding }, 'id', null)
    expect(q('duplicates')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(q('leakage')).toEqual([1, 2, 5, 6, 7])
    expect(q('conflicts')).toEqual([3, 4])
    expect(q('blank')).toEqual([8, 9])
    expect(summarizeDuplicates(store.db, datasetId)).toEqual({
      groups: 4,
      facesInGroups: 9,
      crossSplitGroups: 2,
      conflictingGroups: 1,
      blankFaces: 2,
    })
  })

  it('plans one resolving action per finding: keep test first, exclude the rest', () => {
    expect(planFinding(store.db, datasetId, 'duplicates')).toEqual({
      finding: 'duplicates',
      reason: 'duplicate',
      faceIds: [1, 4, 5, 7, 9],
      groups: 4,
    })
    expect(planFinding(store.db, datasetId, 'leakage')).toEqual({
      finding: 'leakage',
      reason: 'duplicate',
      faceIds: [1, 5, 7],
      groups: 2,
    })
    expect(planFinding(store.db, datasetId, 'conflicts')).toMatchObject({ faceIds: [4], groups: 1 })
    expect(planFinding(store.db, datasetId, 'blank')).toEqual({
      finding: 'blank',
      reason: 'not-a-face',
      faceIds: [8, 9],
      groups: 2,
    })
  })

  it('a resolved finding disappears, and one undo brings it back', async () => {
    const faces = createFaceHandlers({
      db: store.db,
      dataDir: store.dir,
      emit: () => {},
      log: () => {},
    })
    const labels = createLabelHandlers({
      db: store.db,
      dataDir: store.dir,
      emit: () => {},
      log: () => {},
    })
    const plan = await faces['faces.planFinding']({ datasetId, finding: 'leakage' }, ctx)
    await labels['labels.exclude'](
      { faceIds: ids(plan.faceIds), reason: plan.reason, actor: 'ada' },
      ctx,
    )
    expect(summarizeDuplicates(store.db, datasetId).crossSplitGroups).toBe(0)
    expect(queryFaceIds(store.db, datasetId, { finding: 'leakage' }, 'id', null)).toEqual([])
    expect(
      (await faces['faces.planFinding']({ datasetId, finding: 'leakage' }, ctx)).faceIds,
    ).toEqual([])
    const undone = await labels['labels.undo']({ datasetId }, ctx)
    expect(undone.exclusions.map((e) => e.faceId).sort()).toEqual([1, 5, 7])
    expect(summarizeDuplicates(store.db, datasetId).crossSplitGroups).toBe(2)
    const blank = await faces['faces.planFinding']({ datasetId, finding: 'blank' }, ctx)
    await labels['labels.exclude'](
      { faceIds: ids(blank.faceIds), reason: blank.reason, actor: 'ada' },
      ctx,
    )
    expect(summarizeDuplicates(store.db, datasetId).blankFaces).toBe(0)
  })

  it('refuses a dataset that does not exist', async () => {
    const faces = createFaceHandlers({
      db: store.db,
      dataDir: store.dir,
      emit: () => {},
      log: () => {},
    })
    await expect(
      faces['faces.planFinding']({ datasetId: 99 as DatasetId, finding: 'blank' }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
