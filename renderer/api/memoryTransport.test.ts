import { describe, expect, it } from 'vitest'

import { createClient } from '../../shared/transport/client'
import type { DatasetId } from '../../shared/domain'
import { fakeDataset } from '../test/fixtures'
import { createMemoryTransport } from './memoryTransport'

describe('memoryTransport', () => {
  it('runs requests through the contract: inputs parsed, missing handlers fail as UNKNOWN_METHOD', async () => {
    const transport = createMemoryTransport({
      'datasets.get': async ({ datasetId }) => fakeDataset({ id: datasetId }),
    })
    const client = createClient(transport)
    expect((await client.call('datasets.get', { datasetId: 7 as DatasetId })).id).toBe(7)
    const invalid = await client.callSafe('datasets.get', { datasetId: -1 as DatasetId })
    expect(invalid.error?.code).toBe('INVALID_INPUT')
    const missing = await client.callSafe('datasets.list', {})
    expect(missing.error?.code).toBe('UNKNOWN_METHOD')
    expect(transport.calls.map((c) => c.method)).toEqual([
      'datasets.get',
      'datasets.get',
      'datasets.list',
    ])
  })

  it('validates emitted events against the contract and delivers them to subscribers', () => {
    const transport = createMemoryTransport({})
    const seen: unknown[] = []
    createClient(transport).on('datasets.changed', (p) => seen.push(p))
    transport.emit('datasets.changed', { datasetId: null })
    expect(seen).toEqual([{ datasetId: null }])
    expect(() => transport.emit('datasets.changed', { datasetId: 'x' } as never)).toThrow()
  })
})
