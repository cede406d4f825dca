import { availableParallelism } from 'node:os'

import { createDefaultBackendLoaders, type BackendLoaders } from '../backend/backendLoaders'
import { selectBackend } from '../backend/selectBackend'
import { getModelDefinition } from '../../common/models/registry'

import { createLocalEngine } from './localEngine'
import { createOnnxEngine } from './onnx/onnxEngine'
import { autoShards, idleCores } from './onnx/shardPolicy'
import { createParallelEngine, type SpawnReplica } from './parallelEngine'
import type { ComputeEngine, CreateEngineOptions } from './types'

export type ComputeEngineDeps = Readonly<{
  /** How each backend is loaded; tests inject failing or fake loaders. */
  loaders?: BackendLoaders
  /** Starts a replica thread of the data-parallel engine (default: replicaWorker beside this file). */
  spawnReplica?: SpawnReplica
  /** Where to say that the parallel engine could not start and one thread is used instead. */
  warn?: (message: string) => void
  /** Cores other work leaves idle (default: watched a moment): ONNX Runtime shards on idle ones. */
  idleCores?: () => Promise<number>
}>

/**
 * Builds the engine the training loop talks to: picks the backend (`options.backend`, or the
 * fastest that loads), builds the preset's model with seeded weights, and returns the engine.
 * On wasm (single-threaded under Node) with more than one core allowed, it trains data-parallel
 * on one replica thread per core; native TensorFlow threads by itself; ONNX Runtime trains
 * data-parallel on one shard thread per core when those cores are idle, else on one session's
 * intra-op pool of `threads` (onnx/shardPolicy.ts), and predicts on one 1-thread session per core
 * (tfjs only holds the model there).
 */
export async function createComputeEngine(
  options: CreateEngineOptions,
  deps: ComputeEngineDeps = {},
): Promise<ComputeEngine> {
  const definition = getModelDefinition(options.model, options.inputSize ?? null)
  const optimizer = options.optimizer ? { optimizer: options.optimizer } : {}
  const backend = await selectBackend({
    preference: options.backend,
    loaders: deps.loaders ?? createDefaultBackendLoaders(),
  })
  const threads = Math.max(
    1,
    Math.min(options.maxThreads ?? availableParallelism(), availableParallelism()),
  )
  if (backend.name === 'onnxruntime') {
    return createOnnxEngine({
      definition,
      seed: options.seed,
      threads,
      shards:
        threads > 1 && options.training !== false
          ? autoShards({ threads, idle: await (deps.idleCores ?? idleCores)() })
          : 1,
      ...optimizer,
      ...(deps.warn ? { warn: deps.warn } : {}),
    })
  }
  if (backend.tfName === 'wasm' && backend.threads === 1 && threads > 1) {
    try {
      return await createParallelEngine({
        definition,
        replicas: threads,
        seed: options.seed,
        ...optimizer,
        ...(deps.spawnReplica ? { spawn: deps.spawnReplica } : {}),
      })
    } catch (err) {
      deps.warn?.(`Data-parallel training unavailable, using one thread: ${String(err)}`)
    }
  }
  return createLocalEngine({ definition, backend, seed: options.seed, ...optimizer })
}
