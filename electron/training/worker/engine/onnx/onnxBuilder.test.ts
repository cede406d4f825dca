import { describe, expect, it } from 'vitest'

import { loadOrt } from './loadOrt'
import { attr, createGraphBuilder, readModelMetadata } from './onnxBuilder'

async function ort() {
  const loaded = await loadOrt()
  if (!loaded.ok) throw new Error(loaded.reason)
  return loaded.ort
}

describe('createGraphBuilder', () => {
  it('writes a model onnxruntime runs: initializers, attributes, int64 constants, metadata', async () => {
    const g = createGraphBuilder('affine')
    const x = g.input('x', 'float', ['batch', 3])
    const w = g.initializer('w', Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2])
    const b = g.initializer('b', Float32Array.from([0.5, -0.5]), [2])
    const y = g.op('Gemm', [x, w, b], { attributes: { alpha: attr.float(2), transB: attr.int(0) } })
    const shape = g.int64('shape', [-1, 1, 2])
    g.op('Reshape', [y, shape], { outputs: ['y'] })
    g.output('y', 'float', ['batch', 1, 2])
    const bytes = g.toBytes({ metadata: { classes: 'a,b' } })

    expect(readModelMetadata(bytes)).toEqual({ classes: 'a,b' })
    const { InferenceSession, Tensor } = await ort()
    const session = await InferenceSession.create(bytes)
    expect(session.inputNames).toEqual(['x'])
    expect(session.outputNames).toEqual(['y'])
    const out = await session.run({
      x: new Tensor('float32', Float32Array.from([1, 0, -1]), [1, 3]),
    })
    // 2 * ([1, 0, -1] @ [[1, 2], [3, 4], [5, 6]]) + [0.5, -0.5] = 2 * [-4, -4] + [0.5, -0.5]
    expect(Array.from(out.y!.data as Float32Array)).toEqual([-7.5, -8.5])
    expect(out.y!.dims).toEqual([1, 1, 2])
    await session.release()
  })

  it('gives generated outputs unique names and supports several outputs per node', () => {
    const g = createGraphBuilder()
    const x = g.input('x', 'float', [2, 4])
    const [a, b] = g.node('Split', [x, g.int64('split', [2, 2])], {
      attributes: { axis: attr.int(1) },
      outputCount: 2,
    })
    expect(a).not.toBe(b)
    expect(g.op('Relu', [a!], { name: 'act' })).toBe('act')
    expect(g.op('Relu', [b!], { name: 'act' })).toBe('act_1')
  })

  it('refuses a node reading a value nothing produced, and a wrongly sized initializer', () => {
    const g = createGraphBuilder()
    expect(() => g.op('Relu', ['nowhere'])).toThrow(/Relu reads 'nowhere'/)
    expect(() => g.initializer('w', new Float32Array(5), [2, 3])).toThrow(/'w' has 5 values/)
    expect(() => g.output('missing', 'float')).toThrow(/never produced/)
  })
})
