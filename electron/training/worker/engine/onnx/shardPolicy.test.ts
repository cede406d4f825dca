import { describe, expect, it } from 'vitest'

import { autoShards, idleBetween, MAX_SHARDS } from './shardPolicy'

describe('autoShards', () => {
  it('shards per thread when the machine has those threads idle', () => {
    expect(autoShards({ threads: 2, idle: 1.7 })).toBe(2)
    expect(autoShards({ threads: 3, idle: 6 })).toBe(3)
  })

  it('keeps one session for one thread, or when other work keeps the cores busy', () => {
    expect(autoShards({ threads: 1, idle: 2 })).toBe(1)
    expect(autoShards({ threads: 2, idle: 1 })).toBe(1)
    expect(autoShards({ threads: 2, idle: 0.1 })).toBe(1)
  })

  it('caps the shards so that each keeps enough faces for BatchNorm', () => {
    expect(autoShards({ threads: 16, idle: 16 })).toBe(MAX_SHARDS)
  })
})

describe('idleBetween', () => {
  const at = (idle: number, total: number, own: number, t: number) => ({ idle, total, own, at: t })

  it('is the idle share of the cores', () => {
    // 2 cores for 1000 ms: 2000 ms of CPU time, 1500 of it idle.
    expect(idleBetween(at(0, 0, 0, 0), at(1500, 2000, 0, 1000), 2)).toBeCloseTo(1.5)
  })

  it('counts what this process used as its own, not as taken', () => {
    // The machine was fully busy, 0.8 of a core of it this process's.
    expect(idleBetween(at(0, 0, 100, 0), at(0, 2000, 900, 1000), 2)).toBeCloseTo(0.8)
  })

  it('reads a window without ticks as idle', () => {
    expect(idleBetween(at(5, 10, 0, 0), at(5, 10, 0, 300), 4)).toBe(4)
  })
})
