import type { CompiledGraph } from './compileTraining'
import type { CompiledUpdate } from './compileUpdate'
import type { SessionOptions } from './loadOrt'
import type { ShardStepResult, UpdateFeeds } from './shardStep'
import type { ShardPlan, SharedBuffers, SharedLayout } from './sharedMemory'
import type { StepData } from './stepFeeds'

/** What a shard thread needs to take its part in every step (see shardStep.ts). */
export type ShardOpen = Readonly<{
  graph: CompiledGraph
  /** The update graph of the plan's pieces; null when the shard owns no trainable float. */
  update: CompiledUpdate | null
  plan: ShardPlan
  layout: SharedLayout
  buffers: SharedBuffers
  options: SessionOptions
  inputSize: number
}>

/**
 * What the engine asks a shard thread, and what each request returns. The thread handles requests
 * one at a time, in order; every failure comes back as a message, never thrown.
 */
export type ShardThreadRequests = {
  open: { input: ShardOpen; output: { threads: number } }
  step: { input: { data: StepData; scalars: UpdateFeeds }; output: ShardStepResult }
  endProfiling: { input: null; output: null }
  release: { input: null; output: null }
}
