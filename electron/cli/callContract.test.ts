import { describe, expect, it } from 'vitest'

import type { CallContext, Handlers } from '../../shared/contract'
import type { DatasetId } from '../../shared/domain/ids'
import { callContract } from './callContract'

const ctx: CallContext = { origin: 'cli', log: () => {} }

describe('callContract', () => {
  it("parses the input with the contract's schema, defaults included, before the handler", async () => {
    const seen: unknown[] = []
    const handlers: Partial<Handlers> = {
      'labels.history': async (input) => {
        seen.push(input)
        return []
      },
    }
    await callContract(handlers, 'labels.history', { datasetId: 1 as DatasetId }, ctx)
    expect(seen).toEqual([{ datasetId: 1, limit: 200 }])
    await expect(
      callContract(handlers, 'labels.history', { datasetId: -1 as DatasetId }, ctx),
    ).rejects.toMatchObject({ name: 'StudioFailure', code: 'INVALID_INPUT' })
    expect(seen).toHaveLength(1)
  })
})
