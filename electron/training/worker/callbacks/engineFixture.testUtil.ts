import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach } from 'vitest'

import { createComputeEngine } from '../engine/createComputeEngine'
import type { ComputeEngine } from '../engine/types'

export type EngineFixture = Readonly<{ engine: ComputeEngine; dir: string }>

/**
 * Gives each test of the calling `describe` a fresh single-thread tiny-cnn wasm engine (seeded)
 * and an empty temp folder, both disposed of after the test. Read them inside the tests, not at
 * collection time: they only exist between `beforeEach` and `afterEach`.
 */
export function useEngineFixture(seed: number, dirPrefix: string): EngineFixture {
  let engine: ComputeEngine | null = null
  let dir: string | null = null
  beforeEach(async () => {
    engine = await createComputeEngine({ model: 'tiny-cnn', backend: 'wasm', seed, maxThreads: 1 })
    dir = mkdtempSync(path.join(tmpdir(), dirPrefix))
  })
  afterEach(async () => {
    await engine?.dispose()
    if (dir !== null) rmSync(dir, { recursive: true, force: true })
    engine = null
    dir = null
  })
  return {
    get engine() {
      if (engine === null) throw new Error('useEngineFixture: engine read outside a test')
      return engine
    },
    get dir() {
      if (dir === null) throw new Error('useEngineFixture: dir read outside a test')
      return dir
    },
  }
}
