import { availableParallelism } from 'node:os'

import * as tf from '../../common/tf'
import { describe, expect, it } from 'vitest'

import { createDefaultBackendLoaders, type BackendLoaders } from './backendLoaders'
import { probeCpuEngines } from './cpuProbe'
import { selectBackend } from './selectBackend'

const missing = (pkg: string) => () => Promise.reject(new Error(`Cannot find package '${pkg}'`))

/** Real cpu/wasm loaders; the native ones replaced as the test says. */
function loaders(overrides: Partial<BackendLoaders>): BackendLoaders {
  return { ...createDefaultBackendLoaders(), ...overrides }
}

/** A stand-in for tfjs-node: registers a backend called 'tensorflow' (tfjs' cpu underneath). */
const fakeNode = async () => {
  if (!tf.findBackendFactory('tensorflow')) {
    const cpuFactory = tf.findBackendFactory('cpu')!
    tf.registerBackend('tensorflow', cpuFactory)
  }
  return Promise.resolve('tensorflow')
}

describe('selectBackend', () => {
  it('falls through missing native packages to wasm, reporting what it skipped', async () => {
    const choice = await selectBackend({
      preference: 'auto',
      loaders: loaders({
        'tensorflow-gpu': missing('@tensorflow/tfjs-node-gpu'),
        onnxruntime: missing('onnxruntime-node'),
        tensorflow: missing('@tensorflow/tfjs-node'),
      }),
    })
    expect(choice.name).toBe('wasm')
    expect(tf.getBackend()).toBe('wasm')
    expect(choice.threads).toBeGreaterThanOrEqual(1)
    expect(choice.skipped.map((s) => s.name)).toEqual([
      'tensorflow-gpu',
      'onnxruntime',
      'tensorflow',
    ])
    expect(choice.skipped[2]?.reason).toMatch(/tfjs-node/)
  })

  it('takes ONNX Runtime on every core where tfjs-node is absent, as on this machine', async () => {
    const choice = await selectBackend({
      preference: 'auto',
      loaders: loaders({ 'tensorflow-gpu': missing('gpu'), tensorflow: missing('node') }),
    })
    expect(choice).toMatchObject({
      name: 'onnxruntime',
      tfName: 'cpu',
      threads: availableParallelism(),
    })
    expect(choice.probe).toBeUndefined()
    expect(tf.getBackend()).toBe('cpu')
    const real = await selectBackend({ preference: 'auto', loaders: createDefaultBackendLoaders() })
    expect(['tensorflow-gpu', 'onnxruntime', 'tensorflow']).toContain(real.name)
  })

  it('measures ONNX Runtime against tfjs-node where both load and takes the faster', async () => {
    const tensorflowFaster = await selectBackend({
      preference: 'auto',
      loaders: loaders({ 'tensorflow-gpu': missing('gpu'), tensorflow: fakeNode }),
      probeCpu: () => Promise.resolve({ onnxruntime: 9, tensorflow: 4 }),
      threadsOf: () => 2,
    })
    expect(tensorflowFaster).toMatchObject({ name: 'tensorflow', tfName: 'tensorflow' })
    expect(tensorflowFaster.skipped.at(-1)).toEqual({
      name: 'onnxruntime',
      reason: 'slower here than tensorflow on a probe convolution (9.0 ms against 4.0 ms)',
    })
    // The real probe, with tfjs' plain-JS kernels standing in for libtensorflow's: ORT wins.
    const measured = await selectBackend({
      preference: 'auto',
      loaders: loaders({ 'tensorflow-gpu': missing('gpu'), tensorflow: fakeNode }),
      probeCpu: () => probeCpuEngines('cpu'),
    })
    expect(measured.name).toBe('onnxruntime')
    expect(measured.probe!.onnxruntime).toBeLessThan(measured.probe!.tensorflow)
    // A probe that cannot run keeps the listed order.
    const unprobed = await selectBackend({
      preference: 'auto',
      loaders: loaders({ 'tensorflow-gpu': missing('gpu'), tensorflow: fakeNode }),
      probeCpu: () => Promise.reject(new Error('no')),
    })
    expect(unprobed.name).toBe('onnxruntime')
    tf.removeBackend('tensorflow')
  })

  it('falls back to cpu when wasm cannot load either', async () => {
    const choice = await selectBackend({
      preference: 'auto',
      loaders: loaders({
        'tensorflow-gpu': missing('gpu'),
        onnxruntime: missing('onnxruntime-node'),
        tensorflow: missing('node'),
        wasm: () => Promise.reject(new Error('no WebAssembly')),
      }),
    })
    expect(choice).toMatchObject({ name: 'cpu', tfName: 'cpu', threads: 1 })
    expect(tf.getBackend()).toBe('cpu')
  })

  it('honours an explicit override and records the tfjs name of a native backend', async () => {
    expect((await selectBackend({ preference: 'cpu', loaders: loaders({}) })).name).toBe('cpu')
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
