import * as tf from '../tf'
import { describe, expect, it } from 'vitest'

import { createDefaultBackendLoaders, type BackendLoaders } from './backendLoaders'
import { selectBackend } from './selectBackend'

const missing = (pkg: string) => () => Promise.reject(new Error(`Cannot find package '${pkg}'`))

/** Real cpu/wasm loaders; the native ones replaced as the test says. */
function loaders(overrides: Partial<BackendLoaders>): BackendLoaders {
  return { ...createDefaultBackendLoaders(), ...overrides }
}

describe('selectBackend', () => {
  it('falls through missing native packages to wasm, reporting what it skipped', async () => {
    const choice = await selectBackend({
      preference: 'auto',
      loaders: loaders({
        'tensorflow-gpu': missing('@tensorflow/tfjs-node-gpu'),
        tensorflow: missing('@tensorflow/tfjs-node'),
      }),
    })
    expect(choice.name).toBe('wasm')
    expect(tf.getBackend()).toBe('wasm')
    expect(choice.threads).toBeGreaterThanOrEqual(1)
    expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow'])
    expect(choice.skipped[1]?.reason).toMatch(/tfjs-node/)
  })

  it('handles the real absence of tfjs-node(-gpu) on this machine the same way', async () => {
    const choice = await selectBackend({
      preference: 'auto',
      loaders: createDefaultBackendLoaders(),
    })
    expect(['tensorflow-gpu', 'tensorflow', 'wasm']).toContain(choice.name)
  })

  it('falls back to cpu when wasm cannot load either', async () => {
    const choice = await selectBackend({
      preference: 'auto',
      loaders: loaders({
        'tensorflow-gpu': missing('gpu'),
        tensorflow: missing('node'),
        wasm: () => Promise.reject(new Error('no WebAssembly')),
      }),
    })
    expect(choice).toMatchObject({ name: 'cpu', tfName: 'cpu', threads: 1 })
    expect(tf.getBackend()).toBe('cpu')
  })

  it('honours an explicit override and records the tfjs name of a native backend', async () => {
    expect((await selectBackend({ preference: 'cpu', loaders: loaders({}) })).name).toBe('cpu')
    // A stand-in for tfjs-node: registers a backend called 'tensorflow' (tfjs' cpu underneath).
    const fakeNode = async () => {
      if (!tf.findBackendFactory('tensorflow')) {
        const cpuFactory = tf.findBackendFactory('cpu')!
        tf.registerBackend('tensorflow', cpuFactory)
      }
      return Promise.resolve('tensorflow')
    }
    const choice = await selectBackend({
      preference: 'tensorflow',
      loaders: loaders({ tensorflow: fakeNode }),
      threadsOf: () => 2,
    })
    expect(choice).toMatchObject({ name: 'tensorflow', tfName: 'tensorflow', threads: 2 })
    tf.removeBackend('tensorflow')
  })

  it('fails clearly when the backend asked for cannot load, without falling back', async () => {
    await expect(
      selectBackend({
        preference: 'tensorflow-gpu',
        loaders: loaders({ 'tensorflow-gpu': missing('gpu') }),
      }),
    ).rejects.toThrow(
      /No compute backend could be loaded \(tensorflow-gpu: Cannot find package 'gpu'\)/,
    )
  })
})
