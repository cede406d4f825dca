import { readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { createOnnxEngine } from '../electron/training/worker/engine/onnx/onnxEngine'
import { getModelDefinition } from '../electron/training/common/models/registry'
import * as tf from '../electron/training/common/tf'
import { oneHotTargets } from '../electron/training/worker/data/targets'
import type { GraphOptimization } from '../electron/training/worker/engine/onnx/loadOrt'
import { autoShards, idleCores } from '../electron/training/worker/engine/onnx/shardPolicy'

/**
 * Which operator and which layer cost what in the ONNX Runtime training step, from ORT's own
 * profiler (enableProfiling): a few steps of a preset at batch 64 on synthetic faces, then the
 * kernel time per step summed by operator type and by layer (node names carry the layer's name).
 *
 * With several shards, the profile is the first shard thread's (its kernels for its faces); the
 * faces/s and CPU-ms/face printed first are the whole engine's. Without --shards, the engine
 * shards as `auto` would now (onnx/shardPolicy.ts: by the cores idle at the start).
 *
 *   node bin/run-ts.js bench/ortTrainProfile.ts [--model fast-cnn] [--steps 4] [--threads 2]
 *                                               [--shards 2] [--optimization all] [--no-profile]
 */

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'fast-cnn' },
    steps: { type: 'string', default: '4' },
    threads: { type: 'string' },
    shards: { type: 'string' },
    optimization: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
  },
})
const BATCH = 64
const steps = Number(args.steps)

type ProfileEvent = {
  cat?: string
  name: string
  ts: number
  dur: number
  args?: { op_name?: string }
}

await tf.setBackend('cpu')
const definition = getModelDefinition(args.model)
const prefix = path.join(os.tmpdir(), `fer-ort-profile-${process.pid}`)
const threads = Number(args.threads ?? os.availableParallelism())
const engine = await createOnnxEngine({
  definition,
  seed: 1,
  threads,
  ...(args['no-profile'] ? {} : { profileFilePrefix: prefix }),
  shards: args.shards ? Number(args.shards) : autoShards({ threads, idle: await idleCores() }),
  ...(args.optimization ? { optimization: args.optimization as GraphOptimization } : {}),
})
const size = definition.inputSize
const x = Float32Array.from({ length: BATCH * size * size }, () => Math.random())
const y = Int32Array.from({ length: BATCH }, () => Math.floor(Math.random() * 7))
const batch = {
  x,
  targets: oneHotTargets(y),
  count: BATCH,
  sampleWeights: null,
  learningRate: 1e-3,
}
await engine.trainBatch(batch) // warm-up (also profiled; it is subtracted below)
const cpu = process.cpuUsage()
const start = performance.now()
for (let i = 0; i < steps; i++) await engine.trainBatch(batch)
const wall = (performance.now() - start) / 1000
const used = process.cpuUsage(cpu)
console.log(
  `${args.model} on ${engine.threads} threads (shards ${engine.shards}): ` +
    `${((steps * BATCH) / wall).toFixed(1)} faces/s, ` +
    `${((used.user + used.system) / 1000 / (steps * BATCH)).toFixed(2)} CPU-ms/face`,
)
if (args['no-profile']) {
  await engine.dispose()
  process.exit(0)
}
await engine.endProfiling()
await engine.dispose()
// ORT appends the date to the prefix.
const written = (await readdir(os.tmpdir())).find((f) => f.startsWith(path.basename(prefix)))
if (!written) throw new Error('ONNX Runtime wrote no profile')
const profileFile = path.join(os.tmpdir(), written)

const events = JSON.parse(await readFile(profileFile, 'utf8')) as ProfileEvent[]
await rm(profileFile, { force: true })
const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run')
// The first run includes one-off allocation; the rest are the steady state.
const steady = runs.slice(1)
const from = Math.min(...steady.map((e) => e.ts))
const byOp = new Map<string, number>()
const byLayer = new Map<string, number>()
for (const e of events) {
  if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time')) continue
  if (e.ts < from) continue
  const op = e.args?.op_name ?? '?'
  const layer = e.name.replace(/_kernel_time$/, '').replace(/(_node)?(_\d+)?$/, '')
  byOp.set(op, (byOp.get(op) ?? 0) + e.dur)
  byLayer.set(layer, (byLayer.get(layer) ?? 0) + e.dur)
}
const total = [...byOp.values()].reduce((a, b) => a + b, 0)
const print = (title: string, map: Map<string, number>, top: number) => {
  console.log(title)
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const ms = us / 1000 / steady.length
    console.log(
      `  ${name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms/step ${((100 * us) / total).toFixed(1).padStart(5)}%`,
    )
  }
}
console.log(
  `${args.model}: ${(total / 1000 / steady.length).toFixed(0)} ms of kernels per step of ${BATCH} ` +
    `faces over ${steady.length} steps; load average ${os.loadavg()[0]!.toFixed(1)}`,
)
print('by operator', byOp, 20)
print('by layer (node names)', byLayer, 25)
