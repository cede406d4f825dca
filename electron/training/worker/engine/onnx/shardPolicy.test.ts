import { describe, expect, it } from 'vitest'

import { autoShards, MAX_SHARDS } from './shardPolicy'

describe('autoShards', () => {
  it('shards per thread when the machine has those threads idle', () => {
    expect(autoShards({ threads: 2, cores: 2, load: 0.3 })).toBe(2)
    expect(autoShards({ threads: 3, cores: 8, load: 2 })).toBe(3)
  })

  it('keeps one session for one thread, or when other work keeps the cores busy', () => {
    expect(autoShards({ threads: 1, cores: 2, load: 0 })).toBe(1)
    expect(autoShards({ threads: 2, cores: 2, load: 1 })).toBe(1)
    expect(autoShards({ threads: 2, cores: 2, load: 6.5 })).toBe(1)
  })

  it('caps the shards so that each keeps enough faces for BatchNorm', () => {
    expect(autoShards({ threads: 16, cores: 16, load: 0 })).toBe(MAX_SHARDS)
  })
})
