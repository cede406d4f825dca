/**
 * Augmentation throughput (faces per second, single thread) on 48x48 faces with the default
 * AugmentConfig, with noise only, and the full train-batch path. Not a test: run it with
 * `npx tsx electron/training/worker/data/augmentBench.ts` (the lead may wire it into `npm run bench`).
 */
import { NUM_EMOTIONS } from '../../../../shared/domain/emotion'
import { AugmentConfig, BalanceConfig, NO_AUGMENTATION } from '../../../../shared/domain/training'
import { augmentFace } from './augment'
import type { FaceArrays } from './batches'
import { createBatchIterator, planEpoch } from './batches'
import { createRng } from './rng'

const SIZE = 48
const FACES = 512

function syntheticFaces(): FaceArrays {
  const rng = createRng(1)
  const pixels = new Uint8Array(FACES * SIZE * SIZE)
  for (let i = 0; i < pixels.length; i++) pixels[i] = rng.int(256)
  const labels = Int32Array.from({ length: FACES }, (_, i) => i % NUM_EMOTIONS)
  return { size: SIZE, count: FACES, pixels, labels, faceIds: labels.map((_, i) => i + 1) }
}

/**
 * Runs `run` for about two seconds and prints faces per second of wall time and per second of
 * this process's CPU time: the second stays meaningful when other work shares the cores.
 */
function measure(name: string, run: () => number): void {
  run() // warm-up: let V8 optimise the hot loops first
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  let faces = 0
  while (performance.now() - started < 2000) faces += run()
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuStart)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const rate = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(9)
  console.log(
    `${name.padEnd(46)} ${rate(faces / seconds)} faces/s wall ${rate(faces / cpuSeconds)} faces/s CPU`,
  )
}

const faces = syntheticFaces()
const rng = createRng(7)
const out = new Float32Array(SIZE * SIZE)
const perFace = (config: AugmentConfig) => (): number => {
  for (let i = 0; i < FACES; i++) {
    augmentFace(
      faces.pixels.subarray(i * SIZE * SIZE, (i + 1) * SIZE * SIZE),
      SIZE,
      config,
      rng,
      out,
    )
  }
  return FACES
}

measure('augmentFace, default config (all on)', perFace(AugmentConfig.parse({})))
measure(
  'augmentFace, geometric only',
  perFace({ ...NO_AUGMENTATION, flip: true, rotationDeg: 10, shift: 0.1, zoom: 0.1 }),
)
measure(
  'augmentFace, photometric + noise only',
  perFace({ ...NO_AUGMENTATION, brightness: 0.1, contrast: 0.1, noise: 0.02 }),
)
measure('augmentFace, all off (copy)', perFace(NO_AUGMENTATION))
let epoch = 0
measure('train batches of 64 (plan + augment, default)', () => {
  const order = planEpoch(faces, BalanceConfig.parse({ oversampleTo: 'max' }), 1, epoch++)
  const augment = AugmentConfig.parse({})
  let n = 0
  for (const batch of createBatchIterator({
    faces,
    order,
    batchSize: 64,
    augment,
    classWeights: null,
    seed: 1,
    epoch,
  })) {
    n += batch.count
  }
  return n
})
