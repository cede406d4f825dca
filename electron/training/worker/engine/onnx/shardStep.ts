import type * as Ort from 'onnxruntime-node'

import type { CompiledGraph } from './compileTraining'
import type { CompiledUpdate } from './compileUpdate'
import type { OrtModule, OrtSession } from './loadOrt'
import type { ShardControl } from './shardControl'
import { weightViews, type ShardPlan, type SharedBuffers, type SharedLayout } from './sharedMemory'
import { gradientFeeds, type StepData } from './stepFeeds'

/** The per-step scalars of the update graph, by graph input name (optimizerStep.updateScalars). */
export type UpdateFeeds = Readonly<Record<string, number>>

export type ShardStepResult = Readonly<{ loss: number; correct: number }>

export type ShardStepDeps = Readonly<{
  ort: OrtModule
  gradient: OrtSession
  graph: CompiledGraph
  /** The update graph of this shard's pieces (null when it owns no trainable float). */
  update: Readonly<{ session: OrtSession; graph: CompiledUpdate }> | null
  plan: ShardPlan
  layout: SharedLayout
  buffers: SharedBuffers
  control: ShardControl
  inputSize: number
}>

/**
 * One shard thread's part of a data-parallel step, everything but posting its faces:
 * 1. copy the shared weights into this thread's own array (ORT's native run rejects typed arrays
 *    over shared memory) and run the gradient graph on the shard's faces; write its gradients and
 *    next BatchNorm statistics to this shard's shared buffer; barrier;
 * 2. for the floats this shard owns (plan): add every shard's gradients, run the update graph on
 *    them (Adam, AdamW or SGD, the rule the one-session engine runs), and average the shards'
 *    statistics weighted by faces (each shard normalises over its own faces); barrier, so that a
 *    failure anywhere leaves the shared weights as they were;
 * 3. write the owned floats' next weights and optimizer state to shared memory.
 * Face weights are already divided by the whole batch's size, so the shards' losses, correct
 * counts and gradients add up to the batch's.
 */
export function createShardStep(deps: ShardStepDeps) {
  const { ort, graph, plan, layout, control } = deps
  const k = plan.shard
  const shared = new Float32Array(deps.buffers.weights)
  const mine = new Float32Array(deps.buffers.gradients[k]!)
  const all = deps.buffers.gradients.map((b) => new Float32Array(b))
  const sharedState = deps.buffers.state.map((b) => new Float32Array(b))
  const local = new Float32Array(layout.total)
  const localViews = weightViews(layout, local)
  const [start, end] = plan.trainable
  const summed = new Float32Array(end - start)
  const state = sharedState.map(() => new Float32Array(end - start))
  const [statStart, statEnd] = plan.statistics
  const statistics = new Float32Array(statEnd - statStart)
  const tensor = (values: Float32Array, length: number) =>
    new ort.Tensor('float32', values, [length])

  async function runGradient(data: StepData): Promise<ShardStepResult> {
    control.setCount(k, data.count)
    if (data.count === 0) return { loss: 0, correct: 0 }
    const out = await deps.gradient.run(gradientFeeds(ort, graph, data, localViews, deps.inputSize))
    const read = (name: string) => out[name]!.data as Float32Array
    for (const slot of graph.weights) {
      const values = read(slot.ref.trainable ? slot.gradient! : slot.next!)
      mine.set(values, layout.entries[slot.ref.index]!.offset)
    }
    return {
      loss: read(graph.outputs.loss)[0]!,
      correct: Math.round(read(graph.outputs.correct)[0]!),
    }
  }

  /** Adds the shards' gradients of the owned range and averages their statistics; the faces. */
  function combine(): number {
    const counts = all.map((_, j) => control.count(j))
    const faces = counts.reduce((a, b) => a + b, 0)
    let first = true
    statistics.fill(0)
    all.forEach((values, j) => {
      if (counts[j] === 0) return
      const part = values.subarray(start, end)
      if (first) summed.set(part)
      else addInto(summed, part)
      first = false
      const share = counts[j]! / faces
      const stats = values.subarray(statStart, statEnd)
      for (let i = 0; i < statistics.length; i++) statistics[i]! += stats[i]! * share
    })
    if (first) summed.fill(0)
    return faces
  }

  async function runUpdate(scalars: UpdateFeeds): Promise<Record<string, Ort.Tensor> | null> {
    if (!deps.update) return null
    sharedState.forEach((values, s) => state[s]!.set(values.subarray(start, end)))
    const feeds: Record<string, Ort.Tensor> = {}
    for (const [name, value] of Object.entries(scalars)) {
      feeds[name] = new ort.Tensor('float32', Float32Array.of(value), [])
    }
    deps.update.graph.weights.forEach((slot, p) => {
      const piece = plan.pieces[p]!
      const at = piece.offset - start
      feeds[slot.input] = tensor(
        local.subarray(piece.offset, piece.offset + piece.length),
        piece.length,
      )
      feeds[slot.gradients[0]!] = tensor(summed.subarray(at, at + piece.length), piece.length)
      slot.state.forEach((s, j) => {
        feeds[s.input] = tensor(state[j]!.subarray(at, at + piece.length), piece.length)
      })
    })
    return deps.update.session.run(feeds)
  }

  function commit(out: Record<string, Ort.Tensor> | null, faces: number): void {
    if (out && deps.update) {
      deps.update.graph.weights.forEach((slot, p) => {
        const piece = plan.pieces[p]!
        shared.set(out[slot.next]!.data as Float32Array, piece.offset)
        slot.state.forEach((s, j) => {
          sharedState[j]!.set(out[s.next]!.data as Float32Array, piece.offset)
        })
      })
    }
    if (faces > 0) shared.set(statistics, statStart)
  }

  return {
    async step(data: StepData, scalars: UpdateFeeds): Promise<ShardStepResult> {
      local.set(shared)
      const result = await runGradient(data)
      control.arrive()
      const faces = combine()
      const out = await runUpdate(scalars)
      control.arrive()
      commit(out, faces)
      return result
    },
  }
}

/** sum += values, element by element. */
function addInto(sum: Float32Array, values: Float32Array): void {
  const n = sum.length
  for (let i = 0; i < n; i++) sum[i] = sum[i]! + values[i]!
}
