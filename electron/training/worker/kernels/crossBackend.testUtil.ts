import * as tf from '../../common/tf'
import { expect } from 'vitest'

import { createDefaultBackendLoaders } from '../backend/backendLoaders'

/** Loads wasm with our training kernels (the real loader the engine uses). */
export async function useWasm(): Promise<void> {
  await createDefaultBackendLoaders().wasm()
  await tf.setBackend('wasm')
}

/**
 * Runs `fn` on the given backend and returns its tensors' values as plain arrays, so results of
 * two backends can be compared (tensors cannot move between backends by themselves).
 */
export async function valuesOn(
  backend: 'wasm' | 'cpu',
  fn: () => tf.Tensor[],
): Promise<Float32Array[]> {
  if (backend === 'wasm') await useWasm()
  else await tf.setBackend('cpu')
  const out = tf.tidy(fn)
  const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>))
  tf.dispose(out)
  return values
}

/** ||a - b|| / ||b||: the usual gradient-check error, insensitive to summation order. */
export function relativeError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity
  let diff = 0
  let norm = 0
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2
    norm += b[i]! ** 2
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12)
}

/** Asserts every array of `actual` matches `expected` within `tolerance` relative error. */
export function expectClose(
  actual: Float32Array[],
  expected: Float32Array[],
  labels: string[],
  tolerance = 1e-4,
): void {
  expect(actual.length).toBe(expected.length)
  const errors = Object.fromEntries(
    expected.map((e, i) => [labels[i] ?? String(i), relativeError(actual[i]!, e)]),
  )
  for (const [label, error] of Object.entries(errors)) {
    expect({ label, ok: error < tolerance, error }).toMatchObject({ label, ok: true })
  }
}

/** Deterministic pseudo-random values in [-1, 1) (a seeded LCG), same on every backend. */
export function seededValues(count: number, seed: number): Float32Array {
  let state = seed >>> 0
  const out = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    out[i] = state / 2 ** 31 - 1
  }
  return out
}
