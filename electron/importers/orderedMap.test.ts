import { describe, expect, it } from 'vitest'

import { orderedMap } from './orderedMap'

describe('orderedMap', () => {
  it('keeps input order while running several calls at once, never more than asked', async () => {
    let inFlight = 0
    let most = 0
    const out: number[] = []
    const delays = [30, 1, 20, 5, 1, 15, 2, 8]
    for await (const value of orderedMap(delays.keys(), 3, async (i) => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((resolve) => setTimeout(resolve, delays[i]))
      inFlight--
      return i * 10
    })) {
      out.push(value)
    }
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60, 70])
    expect(most).toBe(3)
  })

  it('reads an async source lazily and stops it when the consumer stops', async () => {
    let pulled = 0
    let closed = false
    async function* source(): AsyncGenerator<number> {
      try {
        for (let i = 0; i < 100; i++) {
          pulled++
          yield i
        }
      } finally {
        closed = true
      }
    }
    for await (const value of orderedMap(source(), 2, async (i) => i)) {
      if (value === 3) break
    }
    expect(pulled).toBeLessThanOrEqual(6)
    expect(closed).toBe(true)
  })
})
