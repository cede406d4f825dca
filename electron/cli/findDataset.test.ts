import { afterEach, describe, expect, it } from 'vitest'

import { createTempStore } from '../training/main/trainerFixtures.testUtil'
import { findDataset } from './findDataset'

describe('findDataset', () => {
  let store: ReturnType<typeof createTempStore> | null = null
  afterEach(() => store?.cleanup())

  it("takes 'demo' for the newest demo dataset unless a dataset is named so", () => {
    store = createTempStore()
    const insert = store.db.prepare(
      'INSERT INTO datasets (name, source, face_size, created_at) VALUES (?, ?, 48, 0)',
    )
    insert.run('Demo faces (synthetic)', 'demo')
    const newer = Number(insert.run('Demo faces (synthetic) 2', 'demo').lastInsertRowid)
    expect(findDataset(store.db, 'demo').id).toBe(newer)
    const named = Number(insert.run('demo', 'fer2013-csv').lastInsertRowid)
    expect(findDataset(store.db, 'demo').id).toBe(named)
    expect(() => findDataset(store!.db, 'nothing')).toThrow(/No dataset named or numbered/)
  })
})
