import type { TrainingConfig } from '../../../shared/domain/training'

import { optimizerSettings } from './engine/optimizerSettings'
import type { ComputeEngine, CreateEngine, CreateEngineOptions } from './engine/types'

/**
 * The engine an on-demand evaluation (any split, flip TTA) runs on. A run trained on wasm or cpu
 * is evaluated on ONNX Runtime where it loads: its inference graph gives the same probabilities
 * (within 1e-5) several times faster. 'auto' already prefers it; a native TensorFlow backend the
 * run asked for is kept. Where ORT cannot load, the run's own backend evaluates.
 */
export async function createEvaluationEngine(
  config: Pick<TrainingConfig, 'model' | 'backend' | 'seed' | 'optimizer'>,
  maxThreads: number | null,
  createEngine: CreateEngine,
): Promise<ComputeEngine> {
  const options: CreateEngineOptions = {
    model: config.model,
    backend: config.backend,
    seed: config.seed,
    // The run's optimizer, so its checkpoints (optimizer state included) restore into the engine.
    optimizer: optimizerSettings(config.optimizer),
    ...(maxThreads === null ? {} : { maxThreads }),
    // It predicts only: no training shards.
    training: false,
  }
  if (config.backend === 'wasm' || config.backend === 'cpu') {
    try {
      return await createEngine({ ...options, backend: 'onnxruntime' })
    } catch {
      // ORT is optional at run time: the backend the run trained on answers instead.
    }
  }
  return createEngine(options)
}
