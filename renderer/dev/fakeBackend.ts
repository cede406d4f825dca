import type { Emit, Handlers } from '../../shared/contract'
import type { Emotion, FaceId, FaceSummary, ImportJobId, LabelChange } from '../../shared/domain'
import { StudioFailure } from '../../shared/transport/envelope'
import { drawFakeFace } from './drawFakeFace'
import { createFakeStore, matchesFilter } from './fakeStore'
import { createFakeTraining, defaultConfig } from './fakeTraining'

export type FakeBackendOptions = Readonly<{ faces?: number; withRun?: boolean; empty?: boolean }>

export type FakeBackend = Readonly<{
  handlers: Partial<Handlers>
  /** The expression a face was drawn with (its label may be "wrong", as in real data). */
  truthOf(faceId: number): Emotion | null
}>

export function createFakeBackend(emit: Emit, options: FakeBackendOptions = {}): FakeBackend {
  const store = createFakeStore()
  const { datasets, faces, summaryOf, makeDataset, facesOf, latestRun, withPrediction } = store
  const training = createFakeTraining(store, emit)
  const addRun = training.addRun
  const history: LabelChange[] = []
  /** Import jobs asked to cancel; the running fake import ends as CANCELLED at its next tick. */
  const cancelled = new Set<string>()
  const undoStacks = new Map<
    number,
    { changes: { faceId: FaceId; from: Emotion; to: Emotion }[] }[]
  >()
  const redoStacks = new Map<
    number,
    { changes: { faceId: FaceId; from: Emotion; to: Emotion }[] }[]
  >()
  let nextChange = 1
  let nextBatch = 1

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
        if (cancelled.delete(jobId)) {
          clearInterval(timer)
          emit('datasets.importFailed', {
            jobId,
            error: {
              code: 'CANCELLED',
              message: `Import of '${name}' cancelled; nothing was stored`,
            },
          })
          return
        }
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
    'datasets.cancelImport': async ({ jobId }) => {
      cancelled.add(jobId)
      return {}
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
        .filter((f) => matchesFilter(f, filter))
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
    'labels.undoState': async ({ datasetId }) => {
      const { canUndo, canRedo } = undoResult(datasetId, [])
      return { canUndo, canRedo }
    },
    'labels.history': async ({ faceId, limit }) =>
      history.filter((c) => faceId === undefined || c.faceId === faceId).slice(0, limit),
    ...training.handlers,
  }
  return { handlers, truthOf: (faceId) => faces.get(faceId)?.truth ?? null }
}
