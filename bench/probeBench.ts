import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { TrainingConfig } from '../shared/domain/training'
import { createSpeedProbeRunner } from '../electron/training/main/speedProbeRunner'
import { createWorkerThreadHost } from '../electron/training/main/workerThreadHost'

/**
 * `npm run bench:probe`: the speed probe the Train screen runs before a machine's first run of a
 * model (a training worker, the run's backend and batch size, random faces), per preset: what it
 * measures, how long the user waits for it, and how far its speed is from the training speed
 * bench:train measured (bench/results/train.json, same backend). Figures go to
 * bench/results/probe.json.
 *
 * The runs' default recipe (augmentation on) at --crop (none: whole 48 px faces, as bench:train).
 *
 * Options: --models fast-cnn,seed-cnn  --backend auto  --budget-ms 3000  --batch 64  --crop none
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'fast-cnn,seed-cnn' },
    backend: { type: 'string', default: 'auto' },
    'budget-ms': { type: 'string', default: '3000' },
    batch: { type: 'string', default: '64' },
    crop: { type: 'string', default: 'none' },
  },
})

type TrainRow = { model: string; backend: string; trainFacesPerSecond: number }
function trainSpeeds(): TrainRow[] {
  try {
    const file = path.join(root, 'bench/results/train.json')
    return (JSON.parse(readFileSync(file, 'utf8')) as { results: TrainRow[] }).results
  } catch {
    return []
  }
}

const runner = createSpeedProbeRunner({
  createHost: () => createWorkerThreadHost(),
  log: () => {},
  maxThreads: null,
})
const loadBefore = loadavg()
const results = []
for (const model of (args.models ?? '').split(',')) {
  const started = performance.now()
  const config = TrainingConfig.parse({
    model,
    backend: args.backend,
    batchSize: Number(args.batch),
    crop: args.crop === 'none' ? null : Number(args.crop),
  })
  const probe = await runner.probe({ config, budgetMs: Number(args['budget-ms']) })
  const waitMs = performance.now() - started
  const trained = trainSpeeds().find((r) => r.model === model && r.backend === probe.backend)
  const row = {
    model,
    ...probe,
    waitMs,
    benchTrainFacesPerSecond: trained?.trainFacesPerSecond ?? null,
    probeOverBench: trained ? probe.facesPerSecond / trained.trainFacesPerSecond : null,
  }
  console.log(
    `${model} on ${probe.backend} x${probe.threads}: ${probe.facesPerSecond.toFixed(1)} faces/s ` +
      `(inference ${(probe.inferenceFacesPerSecond ?? 0).toFixed(0)}), waited ${(waitMs / 1000).toFixed(1)} s` +
      (trained ? `; bench:train ${trained.trainFacesPerSecond.toFixed(1)} faces/s` : ''),
  )
  results.push(row)
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true })
writeFileSync(
  path.join(root, 'bench/results/probe.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: availableParallelism(),
        model: cpus()[0]?.model ?? 'unknown',
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg(),
      },
      node: process.version,
      budgetMs: Number(args['budget-ms']),
      batch: Number(args.batch),
      results,
    },
    null,
    2,
  ) + '\n',
)
