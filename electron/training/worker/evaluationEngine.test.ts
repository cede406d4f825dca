import { describe, expect, it } from 'vitest'

import type { BackendName } from '../../../shared/domain/training'

import type { ComputeEngine, CreateEngineOptions } from './engine/types'
import { createEvaluationEngine } from './evaluationEngine'
import { OptimizerConfig } from '../../../shared/domain/recipeLoss'

/** A createEngine that records what it was asked for and fails for the backends in `missing`. */
function recorder(missing: readonly string[] = []) {
  const asked: CreateEngineOptions[] = []
  const createEngine = (options: CreateEngineOptions) => {
    asked.push(options)
    if (missing.includes(options.backend)) {
      return Promise.reject(new Error(`${options.backend} cannot load`))
    }
    return Promise.resolve({ backend: options.backend } as unknown as ComputeEngine)
  }
  return { asked, createEngine }
}

const optimizer = OptimizerConfig.parse({ kind: 'sgd' })
const config = (backend: 'auto' | BackendName) => ({
  model: 'tiny-cnn',
  backend,
  seed: 4,
  optimizer,
})

describe('createEvaluationEngine', () => {
  it('evaluates a wasm or cpu run on ONNX Runtime, with the run model, seed and threads', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      const { asked, createEngine } = recorder()
      const engine = await createEvaluationEngine(config(backend), 2, createEngine)
      expect(engine.backend).toBe('onnxruntime')
      expect(asked).toEqual([
        {
          model: 'tiny-cnn',
          backend: 'onnxruntime',
          seed: 4,
          maxThreads: 2,
          // The run's optimizer, so its checkpoint's optimizer state restores.
          optimizer: { kind: 'sgd', momentum: 0.9, weightDecay: 5e-4 },
          // It only predicts: no training shards.
          training: false,
        },
      ])
    }
  })

  it("falls back to the run's backend where ONNX Runtime cannot load", async () => {
    const { asked, createEngine } = recorder(['onnxruntime'])
    const engine = await createEvaluationEngine(config('wasm'), null, createEngine)
    expect(engine.backend).toBe('wasm')
    expect(asked.map((o) => o.backend)).toEqual(['onnxruntime', 'wasm'])
    expect(asked[1]).not.toHaveProperty('maxThreads')
  })

  it('keeps auto (which already prefers ORT) and a native TensorFlow backend as asked', async () => {
    for (const backend of ['auto', 'tensorflow', 'tensorflow-gpu', 'onnxruntime'] as const) {
      const { asked, createEngine } = recorder()
      await createEvaluationEngine(config(backend), null, createEngine)
      expect(asked.map((o) => o.backend)).toEqual([backend])
    }
  })
})
