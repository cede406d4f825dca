import * as tf from '../tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { ModelPreset } from '../../../../shared/domain/training'

import { DEFAULT_MODEL, getModelDefinition, listModelPresets, MODEL_DEFINITIONS } from './registry'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

describe('model registry', () => {
  it('builds seed-cnn with exactly the source report parameter counts', () => {
    const seed = listModelPresets().find((p) => p.name === 'seed-cnn')
    expect(seed?.params).toBe(4_496_903)
    expect(seed?.trainableParams).toBe(4_492_935)
  })

  it('derives FLOPs from the layers (seed-cnn by hand: 2 x sum of conv and dense MACs)', () => {
    const seed = listModelPresets().find((p) => p.name === 'seed-cnn')
    const macs =
      48 * 48 * 9 * 1 * 32 +
      48 * 48 * 9 * 32 * 64 +
      24 * 24 * 25 * 64 * 128 +
      12 * 12 * 9 * 128 * 512 +
      6 * 6 * 9 * 512 * 512 +
      4608 * 256 +
      256 * 512 +
      512 * 7
    expect(seed?.flops).toBe(2 * macs)
  })

  it('describes every preset validly, default first, names unique', () => {
    const presets = listModelPresets()
    for (const p of presets) expect(ModelPreset.parse(p)).toEqual(p)
    expect(presets[0]?.name).toBe(DEFAULT_MODEL)
    expect(new Set(presets.map((p) => p.name)).size).toBe(MODEL_DEFINITIONS.length)
    const tiny = presets.find((p) => p.name === 'tiny-cnn')
    const fast = presets.find((p) => p.name === 'fast-cnn')
    expect(tiny && fast && tiny.flops < fast.flops).toBe(true)
  })

  it('builds the same weights for the same seed, different for another', () => {
    const def = getModelDefinition('tiny-cnn')
    const a = def.build(7)
    const b = def.build(7)
    const c = def.build(8)
    const first = (m: tf.LayersModel) => m.getWeights()[0]!.dataSync()
    expect(Array.from(first(a))).toEqual(Array.from(first(b)))
    expect(Array.from(first(a))).not.toEqual(Array.from(first(c)))
    for (const m of [a, b, c]) m.dispose()
  })

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => getModelDefinition('nope')).toThrow(/known: fast-cnn, seed-cnn, tiny-cnn/)
  })
})
