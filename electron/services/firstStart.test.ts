import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import type { Handlers } from '../../shared/contract'
import { DEMO_DATASET_NAME } from './datasetService'
import { seedDemoOnFirstStart } from './firstStart'
import { openTestServices } from './services.testUtil'

const root = mkdtempSync(path.join(tmpdir(), 'fer-first-start-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const ctx = { origin: 'test', log: () => undefined } as const

describe('seedDemoOnFirstStart', () => {
  it('creates the demo dataset on a new data folder only, and never again', async () => {
    const dataDir = path.join(root, 'new')
    const logs: string[] = []
    const first = openTestServices(dataDir)
    try {
      expect(first.isNewStore).toBe(true)
      const demo = await seedDemoOnFirstStart(first, (m) => logs.push(m))
      expect(demo?.name).toBe(DEMO_DATASET_NAME)
      const listed = await first.handlers['datasets.list']({}, ctx)
      expect(listed.map((d) => [d.name, d.faceCount])).toEqual([
        [DEMO_DATASET_NAME, demo?.faceCount],
      ])
      expect(logs.join('\n')).toMatch(/first start: created the demo dataset/)
      // The user deletes it; the next start does not bring it back.
      await first.handlers['datasets.delete']({ datasetId: demo!.id }, ctx)
    } finally {
      await first.close()
    }
    const second = openTestServices(dataDir)
    try {
      expect(second.isNewStore).toBe(false)
      expect(await seedDemoOnFirstStart(second, () => undefined)).toBeNull()
      expect(await second.handlers['datasets.list']({}, ctx)).toEqual([])
    } finally {
      await second.close()
    }
  })

  it('logs a failure and carries on: the Library still offers the demo', async () => {
    const logs: string[] = []
    const handlers = {
      'datasets.createDemo': async () => {
        throw new Error('disk full')
      },
    } as unknown as Handlers
    expect(await seedDemoOnFirstStart({ handlers, isNewStore: true }, (m) => logs.push(m))).toBe(
      null,
    )
    expect(logs).toEqual(['first start: the demo dataset could not be created: Error: disk full'])
  })
})
