import { parentPort } from 'node:worker_threads'

import * as tf from '../../common/tf'

import { createDefaultBackendLoaders } from '../backend/backendLoaders'
import { selectBackend } from '../backend/selectBackend'
import { getModelDefinition } from '../../common/models/registry'

import type { ReplicaMessage, ReplicaReply, ReplicaRequests } from './replicaProtocol'
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

type Handlers = {
  [M in keyof ReplicaRequests]: (
    input: ReplicaRequests[M]['input'],
  ) => Promise<ReplicaRequests[M]['output']>
}

const handlers: Handlers = {
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

/** Big typed arrays in a reply are moved, not copied. */
function transferables(value: unknown): ArrayBuffer[] {
  if (value instanceof Float32Array) return [value.buffer as ArrayBuffer]
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap((v) =>
      v instanceof Float32Array ? [v.buffer as ArrayBuffer] : [],
    )
  }
  return []
}

let queue: Promise<void> = Promise.resolve()
port.on('message', (message: ReplicaMessage) => {
  queue = queue.then(async () => {
    let reply: ReplicaReply
    try {
      const handler = handlers[message.method] as (input: unknown) => Promise<unknown>
      reply = { id: message.id, ok: true, value: await handler(message.input) }
    } catch (err) {
      reply = {
        id: message.id,
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }
    }
    port.postMessage(reply, reply.ok ? transferables(reply.value) : [])
  })
})
