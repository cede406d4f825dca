import * as tf from '../../common/tf'

import type { BackendChoice } from '../backend/selectBackend'
import type { ModelDefinition } from '../../common/models/modelDefinition'

import { createTrainingCore } from './trainingCore'
import type { OptimizerSettings } from './optimizerSettings'
import type { ComputeEngine } from './types'

export type LocalEngineOptions = Readonly<{
  definition: ModelDefinition
  backend: BackendChoice
  seed: number
  optimizer?: OptimizerSettings
}>

/**
 * The single-thread engine: one training core on this thread's tfjs backend. Each trainBatch
 * is one awaited step, so the loop can pause or cancel between any two batches and change the
 * learning rate every step.
 */
export function createLocalEngine(options: LocalEngineOptions): ComputeEngine {
  const { definition, backend } = options
  const core = createTrainingCore({
    definition,
    tfBackend: backend.tfName,
    seed: options.seed,
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
  })
  return {
    backend: backend.name,
    threads: backend.threads,
    inputSize: core.inputSize,
    trainBatch: (batch) =>
      core.step(
        {
          x: batch.x,
          targets: batch.targets,
          count: batch.count,
          sampleWeights: batch.sampleWeights,
          batchCount: batch.count,
        },
        batch.learningRate,
      ),
    predict: (x, count) => core.predict(x, count),
    async evaluate(x, y, count) {
      const { lossSum, probabilities } = await core.evaluate(x, y, count)
      return { loss: count > 0 ? lossSum / count : 0, probabilities }
    },
    snapshot: () => core.snapshot(),
    restore: (snapshot) => Promise.resolve(core.restore(snapshot)),
    saveModel: (dir) => core.saveModel(dir),
    tensorCount: () => Promise.resolve(tf.memory().numTensors),
    dispose: () => Promise.resolve(core.dispose()),
  }
}
