import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import * as tf from '../electron/training/common/tf'

import { createDefaultBackendLoaders } from '../electron/training/worker/backend/backendLoaders'
import { selectBackend } from '../electron/training/worker/backend/selectBackend'
import {
  compileInferenceGraph,
  weightsOf,
} from '../electron/training/worker/engine/onnx/compileInference'
import type { GraphOptimization } from '../electron/training/worker/engine/onnx/loadOrt'
import { openOrtInference } from '../electron/training/worker/engine/onnx/ortInference'
import { readPresetLayers } from '../electron/training/worker/engine/onnx/presetLayers'
import { getModelDefinition } from '../electron/training/common/models/registry'

/**
 * `npm run bench:infer`: inference faces/s at batch 256 of the presets' ONNX inference graph
 * (the one export and `predict` use) on ONNX Runtime with every core, against tfjs wasm (the
 * studio's fallback) and PyTorch 1.13 on the same cores where it imports (Debian:
 * apt-get install python3-torch). Figures go to bench/results/infer.json.
 *
 * Options: --models fast-cnn,seed-cnn  --seconds 6  --threads N
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'fast-cnn,seed-cnn' },
    seconds: { type: 'string', default: '6' },
    threads: { type: 'string' },
  },
})
const seconds = Number(args.seconds)
const threads = Number(args.threads ?? availableParallelism())
const BATCH = 256
const SIZE = 48

function randomFaces(count: number): Float32Array {
  return Float32Array.from({ length: count * SIZE * SIZE }, () => Math.random())
}

/** Faces per second of `step` (one batch) for about `seconds`, after two warm-up batches. */
async function facesPerSecond(step: () => Promise<unknown>): Promise<number> {
  await step()
  await step()
  let batches = 0
  const start = performance.now()
  while (batches < 3 || performance.now() - start < seconds * 1000) {
    await step()
    batches++
  }
  return (batches * BATCH) / ((performance.now() - start) / 1000)
}

async function ortFacesPerSecond(
  model: tf.LayersModel,
  optimization: GraphOptimization,
  spinning = false,
) {
  const bytes = compileInferenceGraph({
    layers: readPresetLayers(model),
    weights: weightsOf(model),
    inputSize: SIZE,
  })
  const opened = await openOrtInference(bytes, SIZE, { threads, optimization, spinning })
  if (!opened.ok) throw new Error(opened.reason)
  const x = randomFaces(BATCH)
  try {
    return await facesPerSecond(() => opened.inference.predict(x, BATCH))
  } finally {
    await opened.inference.dispose()
  }
}

async function wasmFacesPerSecond(model: tf.LayersModel) {
  const x = tf.tensor4d(randomFaces(BATCH), [BATCH, SIZE, SIZE, 1])
  try {
    return await facesPerSecond(async () => {
      const y = model.predict(x) as tf.Tensor
      await y.data()
      y.dispose()
    })
  } finally {
    x.dispose()
  }
}

function torchInference(names: string[]): Record<string, number> | string {
  const python = [process.env.FER_TORCH_PYTHON, 'python3', '/usr/bin/python3']
    .filter((c): c is string => Boolean(c))
    .find((p) => spawnSync(p, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0)
  if (!python) return 'skipped: no python3 can import torch (apt-get install python3-torch)'
  const run = spawnSync(
    python,
    [
      path.join(root, 'bench/pytorch_reference.py'),
      ...['--models', names.join(','), '--seconds', String(seconds * 2)],
      ...['--threads', String(threads)],
    ],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) return `failed: ${run.stderr.split('\n').slice(-3).join(' ')}`
  const parsed = JSON.parse(run.stdout) as {
    results: { model: string; inferFacesPerSecond: number }[]
  }
  return Object.fromEntries(parsed.results.map((r) => [r.model, r.inferFacesPerSecond]))
}

const names = args.models.split(',')
const wasm = await selectBackend({ preference: 'wasm', loaders: createDefaultBackendLoaders() })
const rows = []
for (const name of names) {
  const model = getModelDefinition(name).build(1)
  const row = {
    model: name,
    ort: await ortFacesPerSecond(model, 'all'),
    ortBasic: await ortFacesPerSecond(model, 'basic'),
    ortSpinning: await ortFacesPerSecond(model, 'all', true),
    wasm: await wasmFacesPerSecond(model),
  }
  model.dispose()
  rows.push(row)
  console.log(
    `${name}: ORT ${row.ort.toFixed(0)} faces/s (basic optimisations ${row.ortBasic.toFixed(0)}, ` +
      `threads spinning ${row.ortSpinning.toFixed(0)}), ` +
      `tfjs wasm x${wasm.threads} ${row.wasm.toFixed(0)} faces/s`,
  )
}
const torch = torchInference(names)
for (const row of rows) {
  const t = typeof torch === 'string' ? null : (torch[row.model] ?? null)
  console.log(
    t === null
      ? `${row.model}: PyTorch ${String(torch)}`
      : `${row.model}: PyTorch ${t.toFixed(0)} faces/s; ORT is ${(row.ort / t).toFixed(2)}x PyTorch, ` +
          `${(row.ort / row.wasm).toFixed(1)}x wasm`,
  )
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(
  path.join(root, 'bench/results/infer.json'),
  JSON.stringify({ threads, batch: BATCH, seconds, rows, torch }, null, 2) + '\n',
)
