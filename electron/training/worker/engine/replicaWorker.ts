import { parentPort } from 'node:worker_threads'

import * as tf from '../../common/tf'

import { createDefaultBackendLoaders } from '../backend/backendLoaders'
import { selectBackend } from '../backend/selectBackend'
import { getModelDefinition } from '../../common/models/registry'

import type { ReplicaRequests } from './replicaProtocol'
import { float32Transfers, serveThread, type ThreadHandlers } from './threadServer'
import { createTrainingCore, type TrainingCore } from './trainingCore'

/**
 * Entry of one replica thread of the data-parallel engine: its own wasm backend and training
 * core, serving the coordinator's requests one at a time, in order.
 */
const port = parentPort
if (!port) throw new Error('replicaWorker must run in a worker thread')

let core: TrainingCore | null = null

function need(): TrainingCore {
  if (!core) throw new Error('Replica used before init')
  return core
}

const handlers: ThreadHandlers<ReplicaRequests> = {
  async init({ model, inputSize, seed, index, optimizer }) {
    const backend = await selectBackend({
      preference: 'wasm',
      loaders: createDefaultBackendLoaders(),
    })
    core = createTrainingCore({
      definition: getModelDefinition(model, inputSize),
      tfBackend: backend.tfName,
      seed,
      randomStream: index,
      optimizer,
    })
    return { threads: backend.threads }
  },
  async gradients({ shard }) {
    const result = await need().gradients(shard)
    return { ...result, stats: await need().movingStats() }
  },
  async apply({ flat, learningRate, stats }) {
    need().applyGradients(flat, learningRate)
    need().setMovingStats(stats)
    return Promise.resolve(null)
  },
  predict: ({ x, count }) => need().predict(x, count),
  evaluate: ({ x, y, count }) => need().evaluate(x, y, count),
  snapshot: () => need().snapshot(),
  restore: ({ snapshot }) => Promise.resolve(need().restore(snapshot)).then(() => null),
  save: ({ dir }) =>
    need()
      .saveModel(dir)
      .then(() => null),
  tensorCount: () => Promise.resolve(tf.memory().numTensors),
  dispose: () => {
    core?.dispose()
    core = null
    return Promise.resolve(null)
  },
}

// Big typed arrays in a reply are moved, not copied.
serveThread(port, handlers, float32Transfers)
