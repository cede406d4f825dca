import type { Worker } from 'node:worker_threads'

import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import type { ModelDefinition } from '../../common/models/modelDefinition'

import type { ReplicaRequests } from './replicaProtocol'
import { connectThread, spawnEngineThread, type ThreadClient } from './threadRpc'
import { DEFAULT_OPTIMIZER, type OptimizerSettings } from './optimizerSettings'
import type { ComputeEngine, EngineSnapshot } from './types'

/** Starts replica thread number `index`; injected so a built app can point at its bundle. */
export type SpawnReplica = (index: number) => Worker

type Replica = ThreadClient<ReplicaRequests>

/** Spawns a replica from this folder (replicaWorker, from sources or built). */
export const spawnDefaultReplica: SpawnReplica = () =>
  spawnEngineThread('replicaWorker', import.meta.url)

const connect = (worker: Worker): Replica =>
  connectThread<ReplicaRequests>(worker, 'Replica thread')

/** Splits `count` faces into `parts` contiguous [start, end) ranges, larger ones first. */
export function splitRanges(count: number, parts: number): [number, number][] {
  const ranges: [number, number][] = []
  let start = 0
  for (let i = 0; i < parts; i++) {
    const size = Math.floor(count / parts) + (i < count % parts ? 1 : 0)
    ranges.push([start, start + size])
    start += size
  }
  return ranges
}

export type ParallelEngineOptions = Readonly<{
  definition: ModelDefinition
  replicas: number
  seed: number
  spawn?: SpawnReplica
  optimizer?: OptimizerSettings
}>

/**
 * Data-parallel training on several threads, each with its own single-threaded wasm backend
 * (tfjs cannot use wasm threads under Node): every batch is split between the replicas, each
 * computes its shard's gradient, the sum is applied by every replica with the same optimizer (so
 * weights stay identical), and BatchNorm moving statistics are averaged. Each replica
 * normalises with its own shard's statistics, as multi-GPU training does.
 */
export async function createParallelEngine(options: ParallelEngineOptions): Promise<ComputeEngine> {
  const { definition, seed } = options
  const spawn = options.spawn ?? spawnDefaultReplica
  const replicas = Array.from({ length: options.replicas }, (_, i) => connect(spawn(i)))
  const pixels = definition.inputSize ** 2
  try {
    await Promise.all(
      replicas.map((r, index) =>
        r.call('init', {
          model: definition.name,
          inputSize: definition.inputSize,
          seed,
          index,
          optimizer: options.optimizer ?? DEFAULT_OPTIMIZER,
        }),
      ),
    )
  } catch (err) {
    await Promise.all(replicas.map((r) => r.terminate()))
    throw err
  }

  const first = replicas[0]!
  // Updates are posted without waiting (replicas apply them in order); a failed one surfaces on
  // the next call instead of being lost.
  let updateError: Error | null = null
  const checkUpdates = () => {
    if (updateError) throw updateError
  }

  /** Runs `work` on each replica's share of `count` faces; results in replica order. */
  const fanOut = <T>(
    count: number,
    work: (r: Replica, start: number, end: number) => Promise<T>,
  ) => {
    const ranges = splitRanges(count, replicas.length).filter(([s, e]) => e > s)
    return Promise.all(ranges.map(([s, e], i) => work(replicas[i]!, s, e).then((v) => ({ v, s }))))
  }

  return {
    backend: 'wasm',
    threads: replicas.length,
    inputSize: definition.inputSize,

    async trainBatch(batch) {
      checkUpdates()
      if (batch.x.length < batch.count * pixels) {
        throw new Error(
          `Batch holds ${batch.x.length} floats, expected ${batch.count} faces x ${pixels} pixels`,
        )
      }
      if (batch.targets.length < batch.count * NUM_EMOTIONS) {
        throw new Error(
          `Batch has ${batch.targets.length} target values, expected ${batch.count} faces x ${NUM_EMOTIONS}`,
        )
      }
      const parts = await fanOut(batch.count, (r, s, e) => {
        const x = batch.x.slice(s * pixels, e * pixels)
        const targets = batch.targets.slice(s * NUM_EMOTIONS, e * NUM_EMOTIONS)
        const sampleWeights = batch.sampleWeights ? batch.sampleWeights.slice(s, e) : null
        const shard = { x, targets, count: e - s, sampleWeights, batchCount: batch.count }
        return r.call('gradients', { shard }, [x.buffer, targets.buffer])
      })
      const flat = parts[0]!.v.flat
      const stats = parts[0]!.v.stats
      let loss = 0
      let correct = 0
      for (const [i, { v }] of parts.entries()) {
        loss += v.loss
        correct += v.correct
        if (i === 0) continue
        for (let k = 0; k < flat.length; k++) flat[k]! += v.flat[k]!
        for (let k = 0; k < stats.length; k++) stats[k]! += v.stats[k]!
      }
      for (let k = 0; k < stats.length; k++) stats[k]! /= parts.length
      // Not awaited: each replica applies it before anything asked of it later.
      for (const r of replicas) {
        void r
          .call('apply', { flat, learningRate: batch.learningRate, stats })
          .catch((err: Error) => {
            updateError = err
          })
      }
      return { loss, correct }
    },

    async predict(x, count) {
      checkUpdates()
      const out = new Float32Array(count * NUM_EMOTIONS)
      const parts = await fanOut(count, (r, s, e) => {
        const part = x.slice(s * pixels, e * pixels)
        return r.call('predict', { x: part, count: e - s }, [part.buffer])
      })
      for (const { v, s } of parts) out.set(v, s * NUM_EMOTIONS)
      return out
    },

    async evaluate(x, y, count) {
      checkUpdates()
      const probabilities = new Float32Array(count * NUM_EMOTIONS)
      let lossSum = 0
      const parts = await fanOut(count, (r, s, e) => {
        const part = x.slice(s * pixels, e * pixels)
        return r.call('evaluate', { x: part, y: y.slice(s, e), count: e - s }, [part.buffer])
      })
      for (const { v, s } of parts) {
        probabilities.set(v.probabilities, s * NUM_EMOTIONS)
        lossSum += v.lossSum
      }
      return { loss: count > 0 ? lossSum / count : 0, probabilities }
    },

    snapshot: () => first.call('snapshot', null),

    async restore(snapshot: EngineSnapshot) {
      await Promise.all(replicas.map((r) => r.call('restore', { snapshot })))
    },

    async saveModel(dir) {
      await first.call('save', { dir })
    },

    async tensorCount() {
      const counts = await Promise.all(replicas.map((r) => r.call('tensorCount', null)))
      return counts.reduce((a, b) => a + b, 0)
    },

    async dispose() {
      await Promise.all(replicas.map((r) => r.call('dispose', null).catch(() => null)))
      await Promise.all(replicas.map((r) => r.terminate()))
    },
  }
}
