import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CallContext } from '../../shared/contract'
import type { FaceId } from '../../shared/domain/ids'
import { openTestServices } from './services.testUtil'

const ctx: CallContext = { origin: 'test', log: () => {} }
let dataDir: string

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-undo-'))
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const ids = (...values: number[]) => values as FaceId[]

describe('undo and redo across a restart of the services', () => {
  it('picks up the stored steps where the last session left them', async () => {
    const first = openTestServices(dataDir)
    const { id: datasetId } = await first.handlers['datasets.createDemo']({}, ctx)
    const labelsOf = async (h: typeof first.handlers) =>
      (await h['faces.get']({ ids: ids(1, 2, 3, 4) }, ctx)).map((f) => f.label)
    const original = await labelsOf(first.handlers)
    const other = (i: number) => (original[i] === 'fear' ? 'surprise' : 'fear')

    await first.handlers['labels.set']({ faceIds: ids(1, 2), label: other(0), actor: 'ada' }, ctx)
    await first.handlers['labels.set']({ faceIds: ids(4), label: other(3), actor: 'ada' }, ctx)
    await first.handlers['labels.undo']({ datasetId }, ctx)
    const afterFirstSession = await labelsOf(first.handlers)
    await first.close()

    const second = openTestServices(dataDir)
    try {
      const h = second.handlers
      expect(await labelsOf(h)).toEqual(afterFirstSession)
      expect(await h['labels.undoState']({ datasetId }, ctx)).toEqual({
        canUndo: true,
        canRedo: true,
      })
      // Redo gives back the step undone before the restart: face 4 only.
      const redo = await h['labels.redo']({ datasetId }, ctx)
      expect(redo).toEqual({
        changes: [{ faceId: 4, label: other(3) }],
        exclusions: [],
        canUndo: true,
        canRedo: false,
      })
      await h['labels.undo']({ datasetId }, ctx)
      const undo = await h['labels.undo']({ datasetId }, ctx)
      expect(undo.changes.map((c) => c.faceId).sort()).toEqual(
        [1, 2].filter((n) => original[n - 1] !== other(0)),
      )
      expect(undo).toMatchObject({ canUndo: false, canRedo: true })
      expect(await labelsOf(h)).toEqual(original)
      // Nothing left to undo: an answer, not an error, and nothing changes.
      expect((await h['labels.undo']({ datasetId }, ctx)).changes).toEqual([])
      const history = await h['labels.history']({ datasetId, limit: 20 }, ctx)
      expect(history.map((c) => c.kind)).toContain('redo')
    } finally {
      await second.close()
    }
  })
})
