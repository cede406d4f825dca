import { describe, expect, it } from 'vitest'

import { createDefaultBackendLoaders } from '../training/worker/backend/backendLoaders'
import * as tf from '../training/common/tf'
import { useDetectorBackend } from './detectorBackend'

describe('useDetectorBackend', () => {
  it('keeps cpu when wasm cannot load, and moves tfjs from cpu to wasm when it can', async () => {
    await tf.setBackend('cpu')
    const broken = { wasm: () => Promise.reject(new Error('no wasm here')) }
    expect(await useDetectorBackend(broken)).toBe('cpu')
    expect(await useDetectorBackend(createDefaultBackendLoaders())).toBe('wasm')
    expect(tf.getBackend()).toBe('wasm')
    // A backend other than cpu is left as it is.
    expect(await useDetectorBackend(broken)).toBe('wasm')
  })
})
