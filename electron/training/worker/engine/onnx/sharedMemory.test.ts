import { describe, expect, it } from 'vitest'

import { isDecayed } from '../optimizerSettings'

import type { CompiledGraph, WeightSlot } from './compileTraining'
import { allocateShared, sharedLayout, shardPlan, stateViews, weightViews } from './sharedMemory'

/** A graph's weight list only (what the layout reads), in model.weights order. */
function graphOf(weights: [name: string, shape: number[], trainable: boolean][]): CompiledGraph {
  const slots = weights.map(([name, shape, trainable], index): WeightSlot => ({
    ref: { index, name, shape, trainable },
    input: `w${index}`,
    next: null,
    gradient: null,
    state: [],
  }))
  return {
    bytes: new Uint8Array(),
    weights: slots,
    masks: [],
    outputs: { loss: 'l', correct: 'c' },
  }
}

// A conv kernel with its bias, BatchNorm (gamma, beta trainable; moving statistics not), a big
// dense kernel and its bias.
const graph = graphOf([
  ['conv/kernel', [3, 3, 1, 4], true],
  ['conv/bias', [4], true],
  ['bn/gamma', [4], true],
  ['bn/beta', [4], true],
  ['bn/moving_mean', [4], false],
  ['bn/moving_variance', [4], false],
  ['dense/kernel', [100, 7], true],
  ['dense/bias', [7], true],
])

describe('sharedLayout', () => {
  it('puts the trainable weights first, in model order, then the statistics', () => {
    const layout = sharedLayout(graph, 2, 2)
    expect(layout.entries.map((e) => e.offset)).toEqual([0, 36, 40, 44, 755, 759, 48, 748])
    expect(layout.trainable).toBe(755)
    expect(layout.total).toBe(763)
  })

  it('gives each weight a view of its own floats, and optimizer state to trainable ones only', () => {
    const layout = sharedLayout(graph, 2, 2)
    const buffers = allocateShared(layout)
    const views = weightViews(layout, new Float32Array(buffers.weights))
    views[6]!.fill(1)
    const flat = new Float32Array(buffers.weights)
    expect(flat.reduce((a, b) => a + b, 0)).toBe(700)
    expect(flat[48]).toBe(1)
    expect(flat[47]).toBe(0)
    const state = stateViews(layout, buffers)
    expect(state).toHaveLength(2)
    expect(state[0]!.map((v) => v?.length ?? null)).toEqual([36, 4, 4, 4, null, null, 700, 7])
    expect(buffers.gradients).toHaveLength(2)
  })
})

describe('shardPlan', () => {
  it.each([1, 2, 3, 5])('splits every float between %i shards exactly once, balanced', (shards) => {
    const layout = sharedLayout(graph, shards, 1)
    const owner = new Int32Array(layout.total).fill(-1)
    const sizes: number[] = []
    for (let k = 0; k < shards; k++) {
      const plan = shardPlan(layout, k)
      let owned = 0
      for (const piece of plan.pieces) {
        for (let i = piece.offset; i < piece.offset + piece.length; i++) {
          expect(owner[i], `float ${i}`).toBe(-1)
          owner[i] = k
        }
        owned += piece.length
      }
      for (let i = plan.statistics[0]; i < plan.statistics[1]; i++) {
        expect(owner[i]).toBe(-1)
        owner[i] = k
      }
      expect(owned).toBe(plan.trainable[1] - plan.trainable[0])
      sizes.push(owned)
    }
    expect(owner.every((k) => k >= 0)).toBe(true)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
  })

  it('never mixes decayed and undecayed floats in one piece, and merges runs of either', () => {
    const layout = sharedLayout(graph, 2, 1)
    const pieces = [0, 1].flatMap((k) => shardPlan(layout, k).pieces)
    for (const piece of pieces) {
      const inside = layout.entries.filter(
        (e) =>
          e.trainable &&
          e.offset < piece.offset + piece.length &&
          e.offset + e.length > piece.offset,
      )
      expect(new Set(inside.map((e) => isDecayed(e.name))).size, piece.name).toBe(1)
      expect(isDecayed(piece.name)).toBe(isDecayed(inside[0]!.name))
    }
    // Shard 0: conv kernel | conv bias + gamma + beta | start of the dense kernel; shard 1: the
    // rest of the dense kernel | its bias.
    expect(pieces.map((p) => [p.offset, p.length])).toEqual([
      [0, 36],
      [36, 12],
      [48, 330],
      [378, 370],
      [748, 7],
    ])
  })
})
