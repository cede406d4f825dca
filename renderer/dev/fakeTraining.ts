import type { Emit, EpochRecord, Handlers } from '../../shared/contract'
import { EMOTIONS, classificationReport, emotionIndex } from '../../shared/domain'
import type {
  BatchLogs,
  DatasetId,
  Emotion,
  FacePrediction,
  RunId,
  RunSummary,
  Split,
  TestTimeAugmentation,
  TrainingConfig,
} from '../../shared/domain'
import { StudioFailure } from '../../shared/transport/envelope'
import { drawFakeFace, jitterFace, seededRandom } from './drawFakeFace'
import type { FakeFace, FakeStore } from './fakeStore'

type Trace = { epochs: EpochRecord[]; batches: BatchLogs[] }

const BATCHES_PER_EPOCH = 24

/**
 * The fake backend's training: runs that "learn" on a timer and emit the same events a real run
 * does (batches, epochs with confusion matrices, status changes), predictions and evaluations.
 */
export function createFakeTraining(store: FakeStore, emit: Emit) {
  const { runs, predictions, facesOf, countsOf } = store
  const traces = new Map<number, Trace>()
  const evaluations = new Map<string, ReturnType<typeof evaluationOf>>()
  let nextRun = 1
  let activeTimer: ReturnType<typeof setInterval> | null = null

  const predict = (runId: number, face: FakeFace, quality: number): FacePrediction => {
    const rand = seededRandom(runId * 100_003 + face.id)
    const correct = rand() < quality
    const label = correct ? face.truth : (EMOTIONS[Math.floor(rand() * 7)] as Emotion)
    const probabilities = EMOTIONS.map(() => rand() * 0.2)
    probabilities[emotionIndex(label)] = 0.4 + rand() * 0.6
    const sum = probabilities.reduce((a, b) => a + b, 0)
    const normalized = probabilities.map((p) => p / sum)
    return {
      runId: runId as RunId,
      label,
      confidence: normalized[emotionIndex(label)] ?? 0,
      labelProbability: 0,
      probabilities: normalized,
    }
  }

  function evaluationOf(runId: number, split: Split, quality: number) {
    const table = predictions.get(runId) ?? new Map<number, FacePrediction>()
    predictions.set(runId, table)
    const run = runs.get(runId)
    const confusion = EMOTIONS.map(() => EMOTIONS.map(() => 0))
    for (const face of facesOf(run?.datasetId ?? 0)) {
      if (face.split !== split) continue
      const p = predict(runId, face, quality)
      table.set(face.id, p)
      confusion[emotionIndex(face.label)]![emotionIndex(p.label)]! += 1
    }
    const report = classificationReport(confusion)
    return {
      runId: runId as RunId,
      split,
      tta: 'none' as TestTimeAugmentation,
      epoch: null,
      confusion,
      accuracy: report.accuracy,
      loss: 1.1 - quality * 0.5,
      perClass: report.perClass.map((m) => ({ ...m })),
      macro: {
        precision: report.macro.precision,
        recall: report.macro.recall,
        f1: report.macro.f1,
      },
      weighted: {
        precision: report.weighted.precision,
        recall: report.weighted.recall,
        f1: report.weighted.f1,
      },
    }
  }

  const quality = (epoch: number, runId: number): number =>
    0.25 + (0.5 + (runId % 3) * 0.04) * (1 - Math.exp(-(epoch + 1) / 3))

  const epochConfusion = (runId: number, epoch: number): number[][] => {
    const run = runs.get(runId)
    const confusion = EMOTIONS.map(() => EMOTIONS.map(() => 0))
    const q = quality(epoch, runId)
    for (const face of facesOf(run?.datasetId ?? 0)) {
      if (face.split !== 'validation') continue
      const rand = seededRandom(face.id * 31 + epoch * 7 + runId)
      const predicted = rand() < q ? face.truth : (EMOTIONS[Math.floor(rand() * 7)] as Emotion)
      confusion[emotionIndex(face.label)]![emotionIndex(predicted)]! += 1
    }
    return confusion
  }

  const updateRun = (runId: number, patch: Partial<RunSummary>): RunSummary => {
    const run = runs.get(runId)
    if (!run) throw new StudioFailure('NOT_FOUND', `Run ${runId} does not exist`)
    const next = { ...run, ...patch }
    runs.set(runId, next)
    if (patch.status !== undefined && patch.status !== run.status) {
      emit('training.statusChanged', { runId: next.id, status: next.status, summary: next })
    }
    return next
  }

  const simulate = (runId: number): void => {
    const started = Date.now()
    let step = traces.get(runId)?.batches.length ?? 0
    activeTimer = setInterval(() => {
      const run = runs.get(runId)
      if (!run || run.status !== 'running') return
      const epoch = Math.floor(step / BATCHES_PER_EPOCH)
      const batch = step % BATCHES_PER_EPOCH
      const rand = seededRandom(runId * 999 + step)
      const progress = (step + 1) / BATCHES_PER_EPOCH
      const loss = 0.75 + 1.2 * Math.exp(-progress / 2.2) + (rand() - 0.5) * 0.18
      const accuracy = Math.min(
        0.97,
        0.2 + 0.6 * (1 - Math.exp(-progress / 2.5)) + (rand() - 0.5) * 0.08,
      )
      const total = run.config.epochs * BATCHES_PER_EPOCH
      const elapsedMs = Date.now() - started
      const logs: BatchLogs = {
        epoch,
        batch,
        batchesPerEpoch: BATCHES_PER_EPOCH,
        step,
        loss,
        accuracy,
        elapsedMs,
        etaMs: ((total - step - 1) * elapsedMs) / (step + 1),
        facesPerSecond: 240 + rand() * 30,
      }
      traces.get(runId)?.batches.push(logs)
      emit('training.batchEnded', { runId: run.id, logs })
      step++
      if (batch === BATCHES_PER_EPOCH - 1) {
        const q = quality(epoch, runId)
        const record: EpochRecord = {
          logs: {
            epoch,
            loss,
            accuracy,
            valLoss: 1.9 - q * 1.2 + (rand() - 0.5) * 0.05,
            valAccuracy: q * 0.92,
            valMacroF1: q * 0.85,
            learningRate: 1e-3 * (epoch > 6 ? 0.5 : 1),
            elapsedMs,
            etaMs: ((total - step) * elapsedMs) / step,
            facesPerSecond: 250,
          },
          confusion: epochConfusion(runId, epoch),
        }
        traces.get(runId)?.epochs.push(record)
        emit('training.epochEnded', { runId: run.id, record })
        const best =
          run.bestValAccuracy === null || (record.logs.valAccuracy ?? 0) > run.bestValAccuracy
        updateRun(runId, {
          epochsDone: epoch + 1,
          ...(best ? { bestEpoch: epoch, bestValAccuracy: record.logs.valAccuracy } : {}),
        })
        if (epoch + 1 >= run.config.epochs) finish(runId, 'completed')
      }
    }, 180)
  }

  const finish = (runId: number, status: 'completed' | 'cancelled'): RunSummary => {
    if (activeTimer !== null) clearInterval(activeTimer)
    activeTimer = null
    const run = runs.get(runId)
    evaluations.set(
      `${runId}:validation`,
      evaluationOf(runId, 'validation', quality(run?.epochsDone ?? 1, runId)),
    )
    return updateRun(runId, { status, finishedAt: Date.now() })
  }

  const addRun = (
    datasetId: number,
    config: TrainingConfig,
    name: string | undefined,
    epochs: number,
  ): RunSummary => {
    const id = nextRun++ as RunId
    const run: RunSummary = {
      id,
      datasetId: datasetId as DatasetId,
      name: name ?? `${config.model} #${id}`,
      status: 'running',
      config,
      backend: 'wasm',
      threads: 1,
      createdAt: Date.now(),
      startedAt: Date.now(),
      finishedAt: null,
      epochsDone: 0,
      bestEpoch: null,
      bestValAccuracy: null,
      error: null,
    }
    runs.set(id, run)
    traces.set(id, { epochs: [], batches: [] })
    if (epochs > 0) {
      // A finished run from "earlier", so the Evaluate screen has something at once.
      for (let e = 0; e < epochs; e++) {
        for (let b = 0; b < BATCHES_PER_EPOCH; b += 3) {
          const step = e * BATCHES_PER_EPOCH + b
          const p = (step + 1) / BATCHES_PER_EPOCH
          traces.get(id)?.batches.push({
            epoch: e,
            batch: b,
            batchesPerEpoch: BATCHES_PER_EPOCH,
            step,
            loss: 0.8 + 1.1 * Math.exp(-p / 2),
            accuracy: 0.2 + 0.55 * (1 - Math.exp(-p / 2.5)),
            elapsedMs: step * 400,
            etaMs: 0,
            facesPerSecond: 250,
          })
        }
        const q = quality(e, id)
        traces.get(id)?.epochs.push({
          logs: {
            epoch: e,
            loss: 0.8 + 1.1 * Math.exp(-(e + 1) / 2),
            accuracy: 0.2 + 0.55 * (1 - Math.exp(-(e + 1) / 2.5)),
            valLoss: 1.9 - q * 1.2,
            valAccuracy: q * 0.92,
            valMacroF1: q * 0.85,
            learningRate: 1e-3,
            elapsedMs: (e + 1) * 9000,
            etaMs: 0,
            facesPerSecond: 250,
          },
          confusion: epochConfusion(id, e),
        })
      }
      runs.set(id, {
        ...run,
        status: 'completed',
        epochsDone: epochs,
        bestEpoch: epochs - 1,
        bestValAccuracy: quality(epochs - 1, id) * 0.92,
        finishedAt: Date.now(),
      })
      evaluations.set(`${id}:validation`, evaluationOf(id, 'validation', quality(epochs, id)))
    }
    return runs.get(id) as RunSummary
  }

  const handlers: Partial<Handlers> = {
    'training.models': async () => [
      {
        name: 'fast-cnn',
        description: 'Small CNN tuned for speed on CPUs: the default.',
        params: 251_000,
        trainableParams: 250_200,
        flops: 38_000_000,
        inputSize: 48,
      },
      {
        name: 'seed-cnn',
        description: "The source report's network: 5 convs, 2 dense layers.",
        params: 4_496_903,
        trainableParams: 4_492_935,
        flops: 1_120_000_000,
        inputSize: 48,
      },
      {
        name: 'tiny-cnn',
        description: 'Two convolutions: a smoke test in seconds.',
        params: 24_000,
        trainableParams: 24_000,
        flops: 3_000_000,
        inputSize: 48,
      },
    ],
    'training.listRuns': async ({ datasetId }) =>
      [...runs.values()]
        .filter((r) => datasetId === undefined || r.datasetId === datasetId)
        .sort((a, b) => b.id - a.id),
    'training.getRun': async ({ runId }) => {
      const summary = runs.get(runId)
      if (!summary) throw new StudioFailure('NOT_FOUND', `Run ${runId} does not exist`)
      const trace = traces.get(runId) ?? { epochs: [], batches: [] }
      return { summary, epochs: [...trace.epochs], batches: [...trace.batches] }
    },
    'training.start': async ({ datasetId, config, name }) => {
      if ([...runs.values()].some((r) => r.status === 'running' || r.status === 'paused')) {
        throw new StudioFailure('CONFLICT', 'A run is already training')
      }
      const run = addRun(datasetId, config, name, 0)
      emit('training.statusChanged', { runId: run.id, status: run.status, summary: run })
      simulate(run.id)
      return run
    },
    'training.pause': async ({ runId }) => updateRun(runId, { status: 'paused' }),
    'training.resume': async ({ runId }) => updateRun(runId, { status: 'running' }),
    'training.cancel': async ({ runId }) => finish(runId, 'cancelled'),
    'training.deleteRun': async ({ runId }) => {
      runs.delete(runId)
      return {}
    },
    'training.getEvaluation': async ({ runId, split }) =>
      evaluations.get(`${runId}:${split}`) ?? null,
    'training.evaluate': async ({ runId, split, tta }) => {
      const result = {
        ...evaluationOf(runId, split, quality(runs.get(runId)?.epochsDone ?? 1, runId)),
        tta,
      }
      evaluations.set(`${runId}:${split}`, result)
      return result
    },
    'training.cellFaces': async ({ runId, split, truth, predicted }) => {
      const table = predictions.get(runId)
      const run = runs.get(runId)
      return facesOf(run?.datasetId ?? 0)
        .filter(
          (f) => f.split === split && f.label === truth && table?.get(f.id)?.label === predicted,
        )
        .map((f) => f.id)
    },
    'training.augmentPreview': async ({ datasetId, faceId, label, augment, count, seed }) => {
      const pool = facesOf(datasetId).filter((f) =>
        faceId !== undefined ? f.id === faceId : f.label === (label ?? 'disgust'),
      )
      const strength =
        (augment.rotationDeg / 45 +
          augment.shift * 2 +
          augment.zoom * 2 +
          augment.brightness +
          augment.noise * 2) /
        3
      const samples = Array.from({ length: count }, (_, i) => {
        const face = pool[(seed * 7 + i) % Math.max(1, pool.length)]
        const base = drawFakeFace(face?.truth ?? 'neutral', face?.id ?? i)
        return jitterFace(base, 48, seed * 1000 + i, strength)
      })
      return { size: 48, samples }
    },
    'training.balancePlan': async ({ datasetId, balance }) => {
      const before = countsOf(datasetId).train
      const max = Math.max(...before)
      const target =
        balance.oversampleTo === null
          ? 0
          : balance.oversampleTo === 'max'
            ? max
            : balance.oversampleTo
      const after = before.map((n) => (n > 0 ? Math.max(n, target) : 0))
      const total = after.reduce((a, b) => a + b, 0)
      const w = balance.classWeights
      const classWeights =
        w === 'none'
          ? before.map(() => 1)
          : w === 'balanced'
            ? after.map((n) => (n === 0 ? 0 : total / (7 * n)))
            : [...w.custom]
      return { before, after, classWeights }
    },
  }
  return { handlers, addRun }
}

export function defaultConfig(): TrainingConfig {
  return {
    model: 'fast-cnn',
    epochs: 10,
    batchSize: 64,
    learningRate: 1e-3,
    augment: {
      flip: true,
      rotationDeg: 10,
      shift: 0.1,
      zoom: 0.1,
      brightness: 0.1,
      contrast: 0.1,
      noise: 0.02,
    },
    balance: { classWeights: 'none', oversampleTo: null },
    holdoutFraction: 0.1,
    earlyStopping: { patience: 5, restoreBest: true },
    lrSchedule: { kind: 'plateau', factor: 0.5, patience: 2, minLr: 1e-5 },
    seed: 42,
    backend: 'auto',
    maxTrainFaces: null,
  }
}
