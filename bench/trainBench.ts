import { spawnSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { NUM_EMOTIONS } from '../shared/domain/emotion'
import { createComputeEngine } from '../electron/training/worker/engine/createComputeEngine'
import { listModelPresets } from '../electron/training/common/models/registry'
import type { BackendName } from '../shared/domain/training'
import { oneHotTargets } from '../electron/training/worker/data/targets'

/**
 * `npm run bench:train`: for every model preset on every CPU engine asked for (default ONNX
 * Runtime and tfjs wasm, in one run so the ratios share the machine's state), training faces/s
 * at batch 64, inference faces/s at batch 256, peak memory (process RSS, all threads) and the
 * estimated time of one FER2013 epoch (28,709 faces); then the same architectures in PyTorch on
 * the CPU (bench/pytorch_reference.py) when torch imports (Debian: apt-get install python3-torch),
 * and the ratios between them. Synthetic random faces, so it runs anywhere. Writes
 * bench/results/train.json.
 *
 *   npm run bench:train -- [--models fast-cnn,seed-cnn] [--backends onnxruntime,wasm]
 *                          [--threads 2] [--seconds 30] [--no-torch]
 */

const FER2013_TRAIN_FACES = 28_709
const TRAIN_BATCH = 64
const INFER_BATCH = 256
const SIZE = 48

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    models: { type: 'string' },
    threads: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    backends: { type: 'string', default: 'onnxruntime,wasm' },
    'no-torch': { type: 'boolean', default: false },
  },
})
const seconds = Number(args.seconds)
const models = args.models ? args.models.split(',') : listModelPresets().map((p) => p.name)
const backends = args.backends.split(',') as ('auto' | BackendName)[]
const loadBefore = os.loadavg()

function randomFaces(count: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(count * SIZE * SIZE)
  for (let i = 0; i < x.length; i++) x[i] = Math.random()
  return {
    x,
    y: Int32Array.from({ length: count }, () => Math.floor(Math.random() * NUM_EMOTIONS)),
  }
}

/** Runs `step` (2 warm-ups) until both `minSteps` and `budget` seconds are reached. */
async function timed(step: () => Promise<unknown>, budget: number, minSteps: number) {
  await step()
  await step()
  const cpu = process.cpuUsage()
  const start = performance.now()
  let steps = 0
  while (steps < minSteps || performance.now() - start < budget * 1000) {
    await step()
    steps++
  }
  const used = process.cpuUsage(cpu)
  return {
    steps,
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  }
}

type TorchResult = {
  model: string
  trainFacesPerSecond: number
  /** CPU time of the whole process (all threads) per face; older reference scripts lack it. */
  trainCpuMsPerFace?: number
  trainFacesPerSecondIfIdle?: number
  inferFacesPerSecond: number
}

/** The first Python that imports torch: PATH's python3 may be a pyenv one without Debian's torch. */
function findTorchPython(): string | null {
  const candidates = [process.env.FER_TORCH_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => Boolean(c),
  )
  return (
    candidates.find(
      (python) => spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0,
    ) ?? null
  )
}

function runTorch(names: string[]): { status: string; threads?: number; results: TorchResult[] } {
  const python = findTorchPython()
  if (python === null) {
    return {
      status: 'skipped: no python3 can import torch (apt-get install python3-torch)',
      results: [],
    }
  }
  const run = spawnSync(
    python,
    [
      path.join(root, 'bench/pytorch_reference.py'),
      '--models',
      names.join(','),
      '--seconds',
      String(seconds / 2),
      ...(args.threads ? ['--threads', args.threads] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  if (run.status !== 0)
    return { status: `failed: ${run.stderr.trim().split('\n').pop() ?? ''}`, results: [] }
  const parsed = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
    threads: number
    results: TorchResult[]
  }
  return { status: 'ok', threads: parsed.threads, results: parsed.results }
}

type Row = {
  model: string
  params: number
  mflops: number
  backend: string
  threads: number
  /** ONNX Runtime: shard threads of the training step (1: one session); null elsewhere. */
  shards: number | null
  trainFacesPerSecond: number
  trainCpuMsPerFace: number
  trainFacesPerSecondIfIdle: number
  inferFacesPerSecond: number
  peakRssMb: number
  fer2013EpochMinutes: number
  tensorsFlat: boolean
}

const presets = listModelPresets()
const rows: Row[] = []
for (const [name, backend] of models.flatMap((m) => backends.map((b) => [m, b] as const))) {
  const preset = presets.find((p) => p.name === name)
  if (!preset) throw new Error(`Unknown model '${name}'`)
  const engine = await createComputeEngine(
    {
      model: name,
      backend,
      seed: 1,
      ...(args.threads ? { maxThreads: Number(args.threads) } : {}),
    },
    { warn: (m) => console.warn(m) },
  )
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
  const batch = randomFaces(TRAIN_BATCH)
  const tensorsBefore = await engine.tensorCount()
  const train = await timed(
    () =>
      engine.trainBatch({
        x: batch.x,
        targets: oneHotTargets(batch.y),
        count: TRAIN_BATCH,
        sampleWeights: null,
        learningRate: 1e-3,
      }),
    seconds,
    3,
  )
  const tensorsAfter = await engine.tensorCount()
  const faces = randomFaces(INFER_BATCH)
  const infer = await timed(() => engine.predict(faces.x, INFER_BATCH), seconds / 2, 3)
  clearInterval(sampler)
  const trainFps = (train.steps * TRAIN_BATCH) / train.wallSeconds
  rows.push({
    model: name,
    params: preset.params,
    mflops: preset.flops / 1e6,
    backend: engine.backend,
    threads: engine.threads,
    shards: 'shards' in engine && typeof engine.shards === 'number' ? engine.shards : null,
    trainFacesPerSecond: trainFps,
    trainCpuMsPerFace: (train.cpuSeconds * 1000) / (train.steps * TRAIN_BATCH),
    // What the threads would do with whole cores to themselves: other work on a shared machine
    // steals wall time but (mostly) not CPU time. An estimate, labelled as such.
    trainFacesPerSecondIfIdle:
      (engine.threads * train.steps * TRAIN_BATCH) / Math.max(train.cpuSeconds, 1e-9),
    inferFacesPerSecond: (infer.steps * INFER_BATCH) / infer.wallSeconds,
    peakRssMb: peakRss / 2 ** 20,
    fer2013EpochMinutes: FER2013_TRAIN_FACES / trainFps / 60,
    tensorsFlat: tensorsBefore === tensorsAfter,
  })
  await engine.dispose()
  const r = rows.at(-1)!
  console.log(
    `${name.padEnd(9)} ${r.backend.padEnd(11)} x${r.threads}${r.shards ? ` (${r.shards} shards)` : ''}  train ${r.trainFacesPerSecond.toFixed(1)} faces/s ` +
      `(${r.trainCpuMsPerFace.toFixed(1)} cpu-ms/face, ~${r.trainFacesPerSecondIfIdle.toFixed(0)} if idle)  infer ${r.inferFacesPerSecond.toFixed(0)} faces/s  ` +
      `peak ${r.peakRssMb.toFixed(0)} MB  FER2013 epoch ${r.fer2013EpochMinutes.toFixed(1)} min`,
  )
}

const torch = args['no-torch'] ? { status: 'skipped (--no-torch)', results: [] } : runTorch(models)
console.log(`PyTorch CPU: ${torch.status}`)
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? a / b : null
/** Per model: every engine's figures and their ratios to wasm and to PyTorch. */
const comparison = models.map((model) => {
  const t = torch.results.find((x) => x.model === model)
  const wasm = rows.find((r) => r.model === model && r.backend === 'wasm')
  return {
    model,
    torchTrainFacesPerSecond: t?.trainFacesPerSecond ?? null,
    torchTrainCpuMsPerFace: t?.trainCpuMsPerFace ?? null,
    torchTrainFacesPerSecondIfIdle: t?.trainFacesPerSecondIfIdle ?? null,
    torchInferFacesPerSecond: t?.inferFacesPerSecond ?? null,
    engines: rows
      .filter((r) => r.model === model)
      .map((r) => ({
        backend: r.backend,
        trainVsWasm: ratio(r.trainFacesPerSecond, wasm?.trainFacesPerSecond),
        inferVsWasm: ratio(r.inferFacesPerSecond, wasm?.inferFacesPerSecond),
        trainVsTorch: ratio(r.trainFacesPerSecond, t?.trainFacesPerSecond),
        // Both engines' "if idle" estimates: what a busy shared machine distorts least.
        trainIfIdleVsTorch: ratio(r.trainFacesPerSecondIfIdle, t?.trainFacesPerSecondIfIdle),
        inferVsTorch: ratio(r.inferFacesPerSecond, t?.inferFacesPerSecond),
      })),
  }
})
const fmt = (v: number | null) => (v === null ? '  -  ' : `${v.toFixed(2)}x`)
for (const c of comparison) {
  if (c.torchTrainFacesPerSecond !== null) {
    console.log(
      `${c.model.padEnd(9)} PyTorch     train ${c.torchTrainFacesPerSecond.toFixed(1)} faces/s` +
        (c.torchTrainCpuMsPerFace === null
          ? ''
          : ` (${c.torchTrainCpuMsPerFace.toFixed(2)} cpu-ms/face, ~${c.torchTrainFacesPerSecondIfIdle!.toFixed(0)} if idle)`) +
        `, infer ${c.torchInferFacesPerSecond!.toFixed(0)} faces/s`,
    )
  }
  for (const e of c.engines) {
    console.log(
      `${c.model.padEnd(9)} ${e.backend.padEnd(11)} train ${fmt(e.trainVsWasm)} wasm, ` +
        `${fmt(e.trainVsTorch)} PyTorch (${fmt(e.trainIfIdleVsTorch)} if both idle); infer ${fmt(e.inferVsWasm)} wasm, ${fmt(e.inferVsTorch)} PyTorch`,
    )
  }
}

const out = path.join(root, 'bench/results/train.json')
await mkdir(path.dirname(out), { recursive: true })
await writeFile(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? null,
        loadAverageBefore: loadBefore,
        loadAverageAfter: os.loadavg(),
      },
      node: process.version,
      batch: { train: TRAIN_BATCH, infer: INFER_BATCH },
      results: rows,
      pytorch: { status: torch.status, threads: torch.threads ?? null, comparison },
    },
    null,
    2,
  ) + '\n',
)
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )} (other work on the machine skews wall-clock numbers); wrote ${path.relative(process.cwd(), out)}`,
)
