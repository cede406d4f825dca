import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CallContext } from '../../shared/contract'
import type { DatasetId, RunId } from '../../shared/domain/ids'
import { openDatabase } from '../db/openDatabase'
import { seedDataset, testConfig } from '../training/main/trainerFixtures.testUtil'
import type { Services } from './createServices'
import { databasePath } from './dataDir'
import { openTestServices } from './services.testUtil'

const ctx: CallContext = { origin: 'test', log: () => undefined }
let dir: string
let services: Services
let datasetId: DatasetId

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-present-'))
  const db = openDatabase(databasePath(dir))
  datasetId = seedDataset(db, { train: 4, validation: 2, test: 0 }, 'present') as DatasetId
  db.close()
  services = openTestServices(dir)
})
afterAll(async () => {
  await services.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function trainToTheEnd(): Promise<RunId> {
  const { id } = await services.handlers['training.start'](
    { datasetId, config: testConfig({ epochs: 3 }) },
    ctx,
  )
  for (;;) {
    const { summary } = await services.handlers['training.getRun']({ runId: id }, ctx)
    if (summary.status === 'completed') return id
    if (['failed', 'cancelled', 'interrupted'].includes(summary.status))
      throw new Error(`run ended ${summary.status}: ${summary.error}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('present.getRun', () => {
  it('replays a finished run: epochs, matrices and sample faces predicted after every epoch', async () => {
    const runId = await trainToTheEnd()
    const run = await services.handlers['present.getRun']({ runId }, ctx)
    expect(run.datasetName).toBe('present')
    expect(run.epochs.map((e) => e.logs.epoch)).toEqual([1, 2, 3])
    expect(run.epochs.every((e) => e.confusion !== null)).toBe(true)
    // 14 validation faces, two per class: one of each class comes first, then one more.
    expect(run.samples?.faces).toHaveLength(8)
    expect(new Set(run.samples?.faces.map((f) => f.label)).size).toBe(7)
    expect(run.samples?.epochs.map((e) => e.epoch)).toEqual([1, 2, 3])
    for (const epoch of run.samples?.epochs ?? []) {
      expect(epoch.probabilities).toHaveLength(8)
      for (const p of epoch.probabilities) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
    }
    // The model changes between epochs, so do its probabilities.
    expect(run.samples?.epochs[0]?.probabilities).not.toEqual(run.samples?.epochs[2]?.probabilities)
    await expect(
      services.handlers['present.getRun']({ runId: 999 as RunId }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  }, 120_000)
})
