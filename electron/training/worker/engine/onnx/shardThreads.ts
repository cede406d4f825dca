import type { Worker } from 'node:worker_threads'

import { ADAM_DEFAULTS } from '../adam'
import type { OptimizerSettings } from '../optimizerSettings'
import { connectThread, spawnEngineThread, type ThreadClient } from '../threadRpc'

import type { CompiledGraph } from './compileTraining'
import { compileUpdateStep, type CompiledUpdate } from './compileUpdate'
import type { SessionOptions } from './loadOrt'
import { shardControl } from './shardControl'
import type { ShardStepResult, UpdateFeeds } from './shardStep'
import type { ShardThreadRequests } from './shardThreadProtocol'
import { shardPlan, type ShardPlan, type SharedBuffers, type SharedLayout } from './sharedMemory'
import type { StepData } from './stepFeeds'

/** Starts a shard thread; injected so a built app can point at its bundle. */
export type SpawnShardThread = () => Worker

/** Spawns ortShardWorker from this folder, from sources or built (beside the training worker). */
export const spawnDefaultShardThread: SpawnShardThread = () =>
  spawnEngineThread('ortShardWorker', import.meta.url)

/** The update graph of a shard's pieces, each a flat run of floats of the model's weights. */
export function compilePieceUpdate(plan: ShardPlan, optimizer: OptimizerSettings): CompiledUpdate {
  return compileUpdateStep(
    plan.pieces.map((p, i) => ({ index: i, name: p.name, shape: [p.length], trainable: true })),
    { update: 'optimizer', adam: ADAM_DEFAULTS, optimizer },
  )
}

/** The shard threads of a data-parallel step, all working on the same shared memory. */
export type ShardThreads = Readonly<{
  threads: number
  /** One step: parts[k] (in its own buffers) to shard k; the shards' loss and correct summed. */
  step(parts: readonly StepData[], scalars: UpdateFeeds): Promise<ShardStepResult>
  endProfiling(): Promise<void>
  dispose(): Promise<void>
}>

export type OpenShardThreads = Readonly<{
  graph: CompiledGraph
  layout: SharedLayout
  buffers: SharedBuffers
  optimizer: OptimizerSettings
  /** Session options of each shard (intra-op threads); the profile prefix goes to shard 0 only. */
  options: SessionOptions
  inputSize: number
  spawn?: SpawnShardThread
}>

/** Starts layout.shards threads and opens their sessions; throws (none left running) on failure. */
export async function openShardThreads(input: OpenShardThreads): Promise<ShardThreads> {
  const { layout } = input
  const spawn = input.spawn ?? spawnDefaultShardThread
  const control = shardControl(input.buffers.control, layout.shards)
  const clients: ThreadClient<ShardThreadRequests>[] = []
  const { profileFilePrefix, ...plain } = input.options
  const opened = await Promise.allSettled(
    Array.from({ length: layout.shards }, (_, k) => {
      const client = connectThread<ShardThreadRequests>(spawn(), 'ONNX Runtime shard thread')
      clients.push(client)
      const plan = shardPlan(layout, k)
      return client.call('open', {
        graph: input.graph,
        update: plan.pieces.length > 0 ? compilePieceUpdate(plan, input.optimizer) : null,
        plan,
        layout,
        buffers: input.buffers,
        options: k === 0 && profileFilePrefix ? input.options : plain,
        inputSize: input.inputSize,
      })
    }),
  )
  const failed = opened.find((o) => o.status === 'rejected')
  if (failed) {
    await Promise.all(clients.map((c) => c.terminate()))
    throw failed.reason
  }
  const threads = opened.reduce((a, o) => a + (o.status === 'fulfilled' ? o.value.threads : 0), 0)
  return {
    threads,
    async step(parts, scalars) {
      if (parts.length !== clients.length)
        throw new Error(`${parts.length} parts for ${clients.length} shards`)
      control.reset()
      let failure: { error: unknown } | null = null
      const results = await Promise.allSettled(
        clients.map((c, k) =>
          c.call('step', { data: parts[k]!, scalars }).catch((error: unknown) => {
            // The first failure is the cause; the others may be waiting for it at a barrier.
            failure ??= { error }
            control.abort()
            throw error
          }),
        ),
      )
      if (failure) throw (failure as { error: unknown }).error
      return results.reduce(
        (a, r) => {
          const v = (r as PromiseFulfilledResult<ShardStepResult>).value
          return { loss: a.loss + v.loss, correct: a.correct + v.correct }
        },
        { loss: 0, correct: 0 },
      )
    },
    endProfiling: () => clients[0]!.call('endProfiling', null).then(() => undefined),
    async dispose() {
      await Promise.all(
        clients.map(async (c) => {
          await c.call('release', null).catch(() => null)
          await c.terminate()
        }),
      )
    },
  }
}
