import { isDecayed } from '../optimizerSettings'

import type { CompiledGraph } from './compileTraining'

/** Where one weight (by position in model.weights) sits in the flat shared arrays. */
export type FlatEntry = Readonly<{
  name: string
  offset: number
  length: number
  trainable: boolean
}>

/**
 * How the sharded step lays the model out in shared memory: every weight in one flat float array,
 * the trainable ones first (in model.weights order) so that the optimizer's work is one range,
 * [0, trainable), and the BatchNorm statistics after it, [trainable, total).
 */
export type SharedLayout = Readonly<{
  shards: number
  /** Optimizer state slots (Adam: m and v; SGD: momentum). */
  slots: number
  /** By position in model.weights. */
  entries: readonly FlatEntry[]
  trainable: number
  total: number
}>

/**
 * The memory the shard threads and the engine share: the weights; per state slot, the optimizer
 * state of the trainable range; per shard, what its gradient graph gave (gradients of the
 * trainable range, next BatchNorm statistics after it); and the control words of the barrier and
 * each shard's face count (control.ts).
 */
export type SharedBuffers = Readonly<{
  weights: SharedArrayBuffer
  state: readonly SharedArrayBuffer[]
  gradients: readonly SharedArrayBuffer[]
  control: SharedArrayBuffer
}>

/** Control words before the shards' face counts (see control.ts). */
export const CONTROL_WORDS = 3

export function sharedLayout(graph: CompiledGraph, shards: number, slots: number): SharedLayout {
  const entries: FlatEntry[] = new Array<FlatEntry>(graph.weights.length)
  let offset = 0
  for (const pass of [true, false]) {
    for (const slot of graph.weights) {
      if (slot.ref.trainable !== pass) continue
      const length = slot.ref.shape.reduce((a, b) => a * b, 1)
      entries[slot.ref.index] = { name: slot.ref.name, offset, length, trainable: pass }
      offset += length
    }
  }
  const trainable = entries.filter((e) => e.trainable).reduce((a, e) => a + e.length, 0)
  return { shards, slots, entries, trainable, total: offset }
}

export function allocateShared(layout: SharedLayout): SharedBuffers {
  const floats = (n: number) => new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT)
  return {
    weights: floats(layout.total),
    state: Array.from({ length: layout.slots }, () => floats(layout.trainable)),
    gradients: Array.from({ length: layout.shards }, () => floats(layout.total)),
    control: new SharedArrayBuffer((CONTROL_WORDS + layout.shards) * 4),
  }
}

/** A view per weight (by position in model.weights) over a flat array of `layout.total`. */
export function weightViews(layout: SharedLayout, flat: Float32Array): Float32Array[] {
  return layout.entries.map((e) => flat.subarray(e.offset, e.offset + e.length))
}

/** Per state slot, a view per weight over the shared state (null for BatchNorm statistics). */
export function stateViews(
  layout: SharedLayout,
  buffers: SharedBuffers,
): (Float32Array | null)[][] {
  return buffers.state.map((buffer) => {
    const flat = new Float32Array(buffer)
    return layout.entries.map((e) =>
      e.trainable ? flat.subarray(e.offset, e.offset + e.length) : null,
    )
  })
}

/** [start, end) of part k of `shards` near-equal parts of [from, to). */
export function partOf(from: number, to: number, shards: number, k: number): [number, number] {
  const cut = (i: number) => from + Math.round(((to - from) * i) / shards)
  return [cut(k), cut(k + 1)]
}

/**
 * A run of floats one shard updates as one weight of its update graph: where it starts in the
 * flat arrays, its length, and the name of a weight it comes from (decoupled decay applies to
 * kernels only, so a run never mixes decayed and undecayed weights).
 */
export type UpdatePiece = Readonly<{ offset: number; length: number; name: string }>

/** What shard k owns: its part of the trainable range, in pieces, and its part of the statistics. */
export type ShardPlan = Readonly<{
  shard: number
  trainable: readonly [number, number]
  pieces: readonly UpdatePiece[]
  statistics: readonly [number, number]
}>

/**
 * Shard k's share of the step's serial work: an equal part of the trainable floats (balanced by
 * size whatever the weights' sizes, cutting a weight in two where needed), cut into pieces at the
 * boundaries between decayed and undecayed weights; and an equal part of the statistics.
 */
export function shardPlan(layout: SharedLayout, k: number): ShardPlan {
  const [start, end] = partOf(0, layout.trainable, layout.shards, k)
  const pieces: { offset: number; length: number; name: string }[] = []
  const sorted = layout.entries.filter((e) => e.trainable).sort((a, b) => a.offset - b.offset)
  for (const e of sorted) {
    const from = Math.max(start, e.offset)
    const to = Math.min(end, e.offset + e.length)
    if (to <= from) continue
    const last = pieces[pieces.length - 1]
    if (last && isDecayed(last.name) === isDecayed(e.name) && last.offset + last.length === from) {
      last.length += to - from
    } else {
      pieces.push({ offset: from, length: to - from, name: e.name })
    }
  }
  return {
    shard: k,
    trainable: [start, end],
    pieces,
    statistics: partOf(layout.trainable, layout.total, layout.shards, k),
  }
}
