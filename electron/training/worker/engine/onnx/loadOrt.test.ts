import { describe, expect, it } from 'vitest'

import { createOrtSession, loadOrt } from './loadOrt'
import { createGraphBuilder } from './onnxBuilder'

describe('loadOrt', () => {
  it('returns the reason, not an exception, when the native module cannot load', async () => {
    const result = await loadOrt(() =>
      Promise.reject(new Error('libonnxruntime.so.1: cannot open')),
    )
    expect(result).toEqual({
      ok: false,
      reason: 'onnxruntime-node could not load: libonnxruntime.so.1: cannot open',
    })
    expect(await loadOrt(() => Promise.resolve({}))).toMatchObject({ ok: false })
  })

  it('loads the real onnxruntime-node shipped with the npm package', async () => {
    const result = await loadOrt()
    expect(result.ok).toBe(true)
  })
})

describe('createOrtSession', () => {
  it('creates a session with the requested threads and runs it', async () => {
    const g = createGraphBuilder()
    g.op('Relu', [g.input('x', 'float', [3])], { outputs: ['y'] })
    g.output('y', 'float', [3])
    const result = await createOrtSession(g.toBytes(), { threads: 1, optimization: 'basic' })
    if (!result.ok) throw new Error(result.reason)
    expect(result.threads).toBe(1)
    const x = new result.ort.Tensor('float32', Float32Array.from([-1, 0, 2]), [3])
    const out = await result.session.run({ x })
    expect(Array.from(out.y!.data as Float32Array)).toEqual([0, 0, 2])
    await result.session.release()
    // ORT's default (spinning idle threads) stays available, for quiet machines.
    const spinning = await createOrtSession(g.toBytes(), { threads: 2, spinning: true })
    expect(spinning.ok).toBe(true)
    if (spinning.ok) await spinning.session.release()
  })

  it('reports a model ORT rejects, and a module that did not load, as data', async () => {
    const bad = await createOrtSession(Uint8Array.from([1, 2, 3]))
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/rejected the model/) })
    const missing = await createOrtSession(new Uint8Array(), {}, () =>
      Promise.resolve({ ok: false, reason: 'no binary' }),
    )
    expect(missing).toEqual({ ok: false, reason: 'no binary' })
  })
})
