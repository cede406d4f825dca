import { NUM_EMOTIONS } from '../../../shared/domain/emotion'

import type { ProbeMessage } from '../common/protocol'
import { createRandom } from './engine/random'
import type { CreateEngine } from './engine/types'
import type { JobDeps } from './workerJobs'

/** Random faces and one-hot targets for `count` faces of `size` x `size`. */
function randomBatch(count: number, size: number, seed: number) {
  const random = createRandom(seed)
  const x = Float32Array.from({ length: count * size * size }, () => random())
  const targets = new Float32Array(count * NUM_EMOTIONS)
  for (let i = 0; i < count; i++) targets[i * NUM_EMOTIONS + (i % NUM_EMOTIONS)] = 1
  return { x, targets }
}

/**
 * The speed probe: builds the preset as a run would (backend, threads, input size), takes one
 * warm-up step (compilation, first allocations), times training steps of the run's batch size on
 * random faces for `budgetMs` (at least two), then one inference pass of a batch (after a warm-up
 * pass), and replies `probed`.
 */
export async function runSpeedProbe(
  message: ProbeMessage,
  deps: Pick<JobDeps, 'post' | 'now'> & Readonly<{ createEngine: CreateEngine }>,
): Promise<void> {
  const started = deps.now()
  const base = {
    model: message.model,
    backend: message.backend,
    seed: 1,
    inputSize: message.inputSize,
  }
  const engine = await deps.createEngine(
    message.maxThreads === null ? base : { ...base, maxThreads: message.maxThreads },
  )
  try {
    const count = message.batchSize
    const { x, targets } = randomBatch(count, engine.inputSize, 1)
    const step = () =>
      engine.trainBatch({ x, targets, count, sampleWeights: null, learningRate: 1e-4 })
    await step()
    const trainStart = deps.now()
    let steps = 0
    while (steps < 2 || deps.now() - trainStart < message.budgetMs) {
      await step()
      steps += 1
    }
    const trainMs = Math.max(1e-3, deps.now() - trainStart)
    await engine.predict(x, count)
    const inferStart = deps.now()
    await engine.predict(x, count)
    const inferMs = Math.max(1e-3, deps.now() - inferStart)
    deps.post({
      type: 'probed',
      requestSeq: message.seq,
      backend: engine.backend,
      threads: engine.threads,
      inputSize: engine.inputSize,
      facesPerSecond: (steps * count * 1000) / trainMs,
      inferenceFacesPerSecond: (count * 1000) / inferMs,
      durationMs: deps.now() - started,
    })
  } finally {
    await engine.dispose()
  }
}
