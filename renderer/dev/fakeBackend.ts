import type { Emit, Handlers } from '../../shared/contract'
import type { EpochRecord } from '../../shared/contract'
import { EMOTIONS, classificationReport, emotionIndex } from '../../shared/domain'
import type {
  BatchLogs,
  DatasetId,
  DatasetSummary,
  Emotion,
  FaceFilter,
  FaceId,
  FacePrediction,
  FaceSummary,
  ImportJobId,
  LabelChange,
  RunId,
  RunSummary,
  Split,
  TrainingConfig,
} from '../../shared/domain'
import { StudioFailure } from '../../shared/transport/envelope'
import { drawFakeFace, jitterFace, seededRandom } from './drawFakeFace'

type FakeFace = FaceSummary & { truth: Emotion }
type Trace = { epochs: EpochRecord[]; batches: BatchLogs[] }

/** FER2013-like class shares (disgust and fear scarce). */
const SHARES = [0.139, 0.015, 0.143, 0.251, 0.168, 0.11, 0.174]
const BATCHES_PER_EPOCH = 24

export type FakeBackendOptions = Readonly<{ faces?: number; withRun?: boolean; empty?: boolean }>

/**
 * An in-page backend for the dev preview (`vite` then open `/?fake`): synthetic datasets, label
 * history with undo/redo, simulated training that emits live events. Not used by the app or
 * by tests; it exists so the UI can be looked at and tried before the bridge runs.
 */
export type FakeBackend = Readonly<{
  handlers: Partial<Handlers>
  /** The expression a face was drawn with (its label may be "wrong", as in real data). */
  truthOf(faceId: number): Emotion | null
}>

export function createFakeBackend(emit: Emit, options: FakeBackendOptions = {}): FakeBackend {
  const datasets = new Map<number, { summary: Omit<DatasetSummary, 'counts' | 'faceCount'> }>()
  const faces = new Map<number, FakeFace>()
  const history: LabelChange[] = []
  const undoStacks = new Map<
    number,
    { changes: { faceId: FaceId; from: Emotion; to: Emotion }[] }[]
  >()
  const redoStacks = new Map<
    number,
    { changes: { faceId: FaceId; from: Emotion; to: Emotion }[] }[]
  >()
  const runs = new Map<number, RunSummary>()
  const traces = new Map<number, Trace>()
  const predictions = new Map<number, Map<number, FacePrediction>>()
  const evaluations = new Map<string, ReturnType<typeof evaluationOf>>()
  let nextDataset = 1
  let nextFace = 1
  let nextRun = 1
  let nextChange = 1
  let nextBatch = 1
  let activeTimer: ReturnType<typeof setInterval> | null = null

  const countsOf = (datasetId: number): DatasetSummary['counts'] => {
    const counts = {
      train: [0, 0, 0, 0, 0, 0, 0],
      validation: [0, 0, 0, 0, 0, 0, 0],
      test: [0, 0, 0, 0, 0, 0, 0],
    }
    for (const f of faces.values())
      if (f.datasetId === datasetId) counts[f.split][emotionIndex(f.label)]! += 1
    return counts
  }
  const summaryOf = (id: number): DatasetSummary => {
    const entry = datasets.get(id)
    if (!entry) throw new StudioFailure('NOT_FOUND', `Dataset ${id} does not exist`)
    const counts = countsOf(id)
    const faceCount = [...counts.train, ...counts.validation, ...counts.test].reduce(
      (a, b) => a + b,
      0,
    )
    return { ...entry.summary, counts, faceCount }
  }

  const makeDataset = (
    name: string,
    count: number,
    source: string,
    ferPlus: boolean,
  ): DatasetSummary => {
    const id = nextDataset++ as DatasetId
    const rand = seededRandom(id * 101)
    let groups = 0
    for (let i = 0; i < count; i++) {
      let r = rand()
      let k = 0
      while (k < 6 && r > (SHARES[k] ?? 0)) r -= SHARES[k++] ?? 0
      const truth = EMOTIONS[k] as Emotion
      const noisy = rand() < 0.1
      const label = noisy ? (EMOTIONS[Math.floor(rand() * 7)] as Emotion) : truth
      const s = rand()
      const split: Split = s < 0.8 ? 'train' : s < 0.9 ? 'validation' : 'test'
      const faceId = nextFace++ as FaceId
      const duplicate = rand() < 0.02
      if (duplicate) groups++
      const votes = ferPlus ? ferVotes(truth, rand) : null
      faces.set(faceId, {
        id: faceId,
        datasetId: id,
        split,
        label,
        originalLabel: label,
        sourceFile: source === 'demo' ? 'demo' : 'fer2013.csv',
        sourceRow: i + 1,
        hash: `h${faceId}`,
        duplicateGroup: duplicate ? faceId : null,
        isBlank: false,
        ferPlusVotes: votes,
        prediction: null,
        truth,
      })
    }
    datasets.set(id, {
      summary: {
        id,
        name,
        source,
        sourcePath: source === 'demo' ? null : `/data/${name}.csv`,
        faceSize: 48,
        createdAt: Date.now() - 3600_000,
        hasFerPlus: ferPlus,
        duplicates: {
          groups,
          facesInGroups: groups * 2,
          crossSplitGroups: Math.floor(groups / 3),
          conflictingGroups: Math.floor(groups / 9),
          blankFaces: count > 10000 ? 11 : 0,
        },
      },
    })
    return summaryOf(id)
  }

  const facesOf = (datasetId: number): FakeFace[] =>
    [...faces.values()].filter((f) => f.datasetId === datasetId)

  const latestRun = (datasetId: number): number | null => {
    const done = [...runs.values()].filter(
      (r) => r.datasetId === datasetId && predictions.has(r.id),
    )
    return done.sort((a, b) => b.id - a.id)[0]?.id ?? null
  }

  const withPrediction = (face: FakeFace, runId: number | null): FaceSummary => {
    const { truth: _truth, ...summary } = face
    const prediction = runId === null ? null : (predictions.get(runId)?.get(face.id) ?? null)
    if (prediction === null) return { ...summary, prediction: null }
    return {
      ...summary,
      prediction: {
        ...prediction,
        labelProbability: prediction.probabilities[emotionIndex(face.label)] ?? 0,
      },
    }
  }

  const matches = (face: FaceSummary, filter: FaceFilter): boolean => {
    if (filter.labels && !filter.labels.includes(face.label)) return false
    if (filter.splits && !filter.splits.includes(face.split)) return false
    if (filter.duplicatesOnly && face.duplicateGroup === null) return false
    if (filter.relabeledOnly && face.label === face.originalLabel) return false
    const p = face.prediction
    if (
      (filter.predicted ||
        filter.disagreesOnly ||
        filter.minConfidence !== undefined ||
        filter.maxConfidence !== undefined) &&
      p === null
    )
      return false
    if (p !== null) {
      if (filter.predicted && !filter.predicted.includes(p.label)) return false
      if (filter.disagreesOnly && p.label === face.label) return false
      if (filter.minConfidence !== undefined && p.confidence < filter.minConfidence) return false
      if (filter.maxConfidence !== undefined && p.confidence > filter.maxConfidence) return false
    }
    return true
  }

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

  const applyLabels = (
    changes: { faceId: FaceId; to: Emotion }[],
    kind: LabelChange['kind'],
  ): { faceId: FaceId; label: Emotion }[] => {
    const batchId = nextBatch++
    const out: { faceId: FaceId; label: Emotion }[] = []
    for (const { faceId, to } of changes) {
      const face = faces.get(faceId)
      if (!face || face.label === to) continue
      history.unshift({
        id: nextChange++,
        faceId,
        from: face.label,
        to,
        actor: 'studio',
        at: Date.now(),
        batchId,
        kind,
      })
      face.label = to
      out.push({ faceId, label: to })
    }
    if (out.length > 0) {
      const datasetId = faces.get(out[0]!.faceId)!.datasetId
      emit('labels.changed', { datasetId, changes: out })
      emit('datasets.changed', { datasetId })
    }
    return out
  }

  if (!options.empty) {
    const demo = makeDataset('FER2013 (fake preview)', options.faces ?? 4000, 'fer2013-csv', true)
    if (options.withRun !== false) {
      addRun(demo.id, { ...defaultConfig(), epochs: 12 }, 'fast-cnn baseline', 12)
      addRun(
        demo.id,
        {
          ...defaultConfig(),
          epochs: 12,
          balance: { classWeights: 'balanced', oversampleTo: null },
        },
        'balanced weights',
        12,
      )
    }
  }

  const undoResult = (datasetId: number, changes: { faceId: FaceId; label: Emotion }[]) => ({
    changes,
    canUndo: (undoStacks.get(datasetId)?.length ?? 0) > 0,
    canRedo: (redoStacks.get(datasetId)?.length ?? 0) > 0,
  })

  const handlers: Partial<Handlers> = {
    'app.getInfo': async () => ({
      name: 'FER Studio',
      version: '0.1.0-dev',
      shell: 'bridge',
      dataDir: '(fake)',
      hasFileDialog: false,
    }),
    'datasets.list': async () => [...datasets.keys()].reverse().map(summaryOf),
    'datasets.get': async ({ datasetId }) => summaryOf(datasetId),
    'datasets.createDemo': async ({ name }) => {
      const summary = makeDataset(name ?? 'Demo faces (synthetic)', 2400, 'demo', false)
      emit('datasets.changed', { datasetId: summary.id })
      return summary
    },
    'datasets.detectFormat': async ({ path }) => {
      if (path.includes('bad'))
        throw new StudioFailure('INVALID_INPUT', `${path}: not a CSV file or a folder of images`)
      if (path.endsWith('.csv') || path.endsWith('.gz'))
        return { format: 'fer2013-csv', description: 'FER2013 CSV: emotion,pixels,Usage' }
      return { format: 'folder', description: 'A folder per class (7 classes found)' }
    },
    'datasets.import': async ({ path, name }) => {
      const jobId = `job-${Date.now()}` as ImportJobId
      let done = 0
      const total = 3000
      const timer = setInterval(() => {
        done = Math.min(total, done + 250)
        emit('datasets.importProgressed', {
          jobId,
          phase: done < total ? 'reading' : 'committing',
          done,
          total,
        })
        if (done >= total) {
          clearInterval(timer)
          const summary = makeDataset(name, total, 'fer2013-csv', false)
          emit('datasets.importFinished', {
            jobId,
            report: {
              datasetId: summary.id,
              name,
              format: path.endsWith('.csv') ? 'fer2013-csv' : 'folder',
              imported: total - 3,
              rejected: 3,
              rejectedReportPath: '/tmp/reports/rejected.csv',
              rejectedSample: [
                { file: path, row: 17, reason: 'row has 2,303 pixels, expected 2,304' },
                { file: path, row: 912, reason: "pixel 'x1' is not a number" },
                { file: path, row: 2048, reason: 'label 9 is outside 0..6' },
              ],
              counts: summary.counts,
              duplicates: summary.duplicates,
              durationMs: 2700,
            },
          })
        }
      }, 150)
      return { jobId }
    },
    'datasets.rename': async ({ datasetId, name }) => {
      const entry = datasets.get(datasetId)
      if (!entry) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
      entry.summary = { ...entry.summary, name }
      return summaryOf(datasetId)
    },
    'datasets.delete': async ({ datasetId }) => {
      datasets.delete(datasetId)
      for (const [id, f] of faces) if (f.datasetId === datasetId) faces.delete(id)
      return {}
    },
    'datasets.export': async ({ datasetId, path }) => ({
      path,
      faces: summaryOf(datasetId).faceCount,
    }),
    'faces.query': async ({ datasetId, filter, sort }) => {
      const runId = filter.runId ?? latestRun(datasetId)
      let list = facesOf(datasetId)
        .map((f) => withPrediction(f, runId))
        .filter((f) => matches(f, filter))
      const confidence = (f: FaceSummary): number => f.prediction?.confidence ?? Infinity
      if (sort === 'confidence-asc') list = list.sort((a, b) => confidence(a) - confidence(b))
      if (sort === 'confidence-desc')
        list = list.sort(
          (a, b) => (b.prediction?.confidence ?? -1) - (a.prediction?.confidence ?? -1),
        )
      if (sort === 'suspicion')
        list = list.sort(
          (a, b) => (a.prediction?.labelProbability ?? 2) - (b.prediction?.labelProbability ?? 2),
        )
      return { ids: list.map((f) => f.id), total: list.length }
    },
    'faces.get': async ({ ids }) => {
      const first = faces.get(ids[0] ?? -1)
      const runId = first ? latestRun(first.datasetId) : null
      return ids.flatMap((id) => {
        const face = faces.get(id)
        return face ? [withPrediction(face, runId)] : []
      })
    },
    'faces.duplicates': async ({ faceId }) => {
      const face = faces.get(faceId)
      if (!face || face.duplicateGroup === null) return face ? [withPrediction(face, null)] : []
      const twin = faces.get(faceId + 1)
      return twin
        ? [withPrediction(face, null), { ...withPrediction(twin, null), split: 'validation' }]
        : [withPrediction(face, null)]
    },
    'faces.pixels': async ({ faceId }) => {
      const face = faces.get(faceId)
      return { size: 48, pixels: drawFakeFace(face?.truth ?? 'neutral', faceId) }
    },
    'labels.set': async ({ faceIds, label }) => {
      const first = faces.get(faceIds[0] as number)
      const datasetId = first?.datasetId ?? 0
      const before = faceIds.flatMap((id) => {
        const f = faces.get(id)
        return f && f.label !== label ? [{ faceId: id, from: f.label, to: label }] : []
      })
      const changes = applyLabels(
        before.map((c) => ({ faceId: c.faceId, to: c.to })),
        'set',
      )
      if (before.length > 0) {
        undoStacks.set(datasetId, [...(undoStacks.get(datasetId) ?? []), { changes: before }])
        redoStacks.set(datasetId, [])
      }
      return undoResult(datasetId, changes)
    },
    'labels.undo': async ({ datasetId }) => {
      const step = undoStacks.get(datasetId)?.pop()
      if (!step) return undoResult(datasetId, [])
      redoStacks.set(datasetId, [...(redoStacks.get(datasetId) ?? []), step])
      return undoResult(
        datasetId,
        applyLabels(
          step.changes.map((c) => ({ faceId: c.faceId, to: c.from })),
          'undo',
        ),
      )
    },
    'labels.redo': async ({ datasetId }) => {
      const step = redoStacks.get(datasetId)?.pop()
      if (!step) return undoResult(datasetId, [])
      undoStacks.set(datasetId, [...(undoStacks.get(datasetId) ?? []), step])
      return undoResult(
        datasetId,
        applyLabels(
          step.changes.map((c) => ({ faceId: c.faceId, to: c.to })),
          'redo',
        ),
      )
    },
    'labels.history': async ({ faceId, limit }) =>
      history.filter((c) => faceId === undefined || c.faceId === faceId).slice(0, limit),
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
    'training.evaluate': async ({ runId, split }) => {
      const result = evaluationOf(runId, split, quality(runs.get(runId)?.epochsDone ?? 1, runId))
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
  return { handlers, truthOf: (faceId) => faces.get(faceId)?.truth ?? null }
}

function ferVotes(truth: Emotion, rand: () => number): number[] {
  // FER+ order: neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF
  const order: Emotion[] = ['neutral', 'happy', 'surprise', 'sad', 'angry', 'disgust', 'fear']
  const votes = new Array<number>(10).fill(0)
  for (let i = 0; i < 10; i++) {
    const r = rand()
    const k =
      r < 0.6
        ? order.indexOf(truth)
        : r < 0.95
          ? Math.floor(rand() * 7)
          : 7 + Math.floor(rand() * 3)
    votes[k] = (votes[k] ?? 0) + 1
  }
  return votes
}

function defaultConfig(): TrainingConfig {
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
