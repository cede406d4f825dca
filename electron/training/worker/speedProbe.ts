import { DEFAULT_FACE_SIZE } from '../../../shared/domain/dataset'
import { NUM_EMOTIONS } from '../../../shared/domain/emotion'

import type { ProbeMessage } from '../common/protocol'
import { createBatchIterator, type FaceArrays, type FaceBatch } from './data/batches'
import { createRandom } from './engine/random'
import type { CreateEngine } from './engine/types'
import type { JobDeps } from './workerJobs'

/** Random 48 px faces, labels spread over the classes: enough for a few batches. */
function randomFaces(count: number, seed: number): FaceArrays {
  const random = createRandom(seed)
  const size = DEFAULT_FACE_SIZE
  return {
    size,
    count,
    pixels: Uint8Array.from({ length: count * size * size }, () => Math.floor(random() * 256)),
    labels: Int32Array.from({ length: count }, (_, i) => i % NUM_EMOTIONS),
    faceIds: Int32Array.from({ length: count }, (_, i) => i + 1),
  }
}

/** Endless train batches of random faces through the run's own pipeline (crop, augmentation). */
function* probeBatches(message: ProbeMessage): Generator<FaceBatch> {
  const { config } = message
  const faces = randomFaces(config.batchSize * 2, config.seed)
  const order = Int32Array.from({ length: faces.count }, (_, i) => i)
  for (let epoch = 1; ; epoch++) {
    yield* createBatchIterator({
      faces,
      order,
      batchSize: config.batchSize,
      crop: config.crop,
      augment: config.augment,
      classWeights: null,
      seed: config.seed,
      epoch,
      labelSmoothing: config.labelSmoothing,
      mixup: config.mixup,
    })
  }
}

/**
 * The speed probe: builds the preset as the run would (backend, threads, input size), takes one
 * warm-up step (compilation, first allocations), then times steps as a run does, making each
 * batch of random faces through the run's pipeline and training on it, for `budgetMs` (at least
 * two steps); then one inference pass of a batch (after a warm-up pass). Replies `probed`.
 */
export async function runSpeedProbe(
  message: ProbeMessage,
  deps: Pick<JobDeps, 'post' | 'now'> & Readonly<{ createEngine: CreateEngine }>,
): Promise<void> {
  const { config } = message
  const started = deps.now()
  const base = {
    model: config.model,
    backend: config.backend,
    seed: config.seed,
    inputSize: config.crop,
  }
  const engine = await deps.createEngine(
    message.maxThreads === null ? base : { ...base, maxThreads: message.maxThreads },
  )
  try {
    const batches = probeBatches(message)
    const step = async () => {
      const b = batches.next().value as FaceBatch
      await engine.trainBatch({ ...b, learningRate: config.learningRate })
      return b
    }
    const last = await step()
    const trainStart = deps.now()
    let faces = 0
    let steps = 0
    while (steps < 2 || deps.now() - trainStart < message.budgetMs) {
      faces += (await step()).count
      steps += 1
    }
    const trainMs = Math.max(1e-3, deps.now() - trainStart)
    await engine.predict(last.x, last.count)
    const inferStart = deps.now()
    await engine.predict(last.x, last.count)
    const inferMs = Math.max(1e-3, deps.now() - inferStart)
    deps.post({
      type: 'probed',
      requestSeq: message.seq,
      backend: engine.backend,
      threads: engine.threads,
      inputSize: engine.inputSize,
      facesPerSecond: (faces * 1000) / trainMs,
      inferenceFacesPerSecond: (last.count * 1000) / inferMs,
      durationMs: deps.now() - started,
    })
  } finally {
    await engine.dispose()
  }
}
