import type { StateCreator } from 'zustand'

import type { EpochRecord } from '../../../../shared/contract'
import type {
  BatchLogs,
  DatasetId,
  ModelFormat,
  RunId,
  RunSummary,
} from '../../../../shared/domain'
import { studio } from '../../../api/client'
import { toastError, useUiStore } from '../../ui/uiStore'
import type { TrainingStore } from '../trainingStore'

/** A run's curves: loaded with `training.getRun`, then extended live by events. */
export type RunTrace = Readonly<{
  status: 'loading' | 'ready'
  epochs: readonly EpochRecord[]
  batches: readonly BatchLogs[]
}>

export type RunsSlice = {
  datasetId: DatasetId | null
  runs: readonly RunSummary[]
  runsStatus: 'idle' | 'loading' | 'ready'
  traces: Readonly<Record<number, RunTrace>>
  /** The newest batch logs per run (speed, ETA, progress). */
  latestBatch: Readonly<Record<number, BatchLogs>>
  /** The run the Train screen shows. */
  selectedRunId: RunId | null
  /** Other runs whose curves are overlaid for comparison. */
  compareIds: readonly RunId[]
  starting: boolean
  setDataset(datasetId: DatasetId | null): void
  loadRuns(): Promise<void>
  /** Loads a run's epochs and batches unless they are already here (or `force`). */
  loadRun(runId: RunId, force?: boolean): Promise<void>
  selectRun(runId: RunId | null): void
  toggleCompare(runId: RunId): void
  /** Starts a run with the draft settings on the current dataset. */
  startRun(name?: string): Promise<void>
  pauseRun(runId: RunId): Promise<void>
  resumeRun(runId: RunId): Promise<void>
  cancelRun(runId: RunId): Promise<void>
  deleteRun(runId: RunId): Promise<void>
  /**
   * Writes the run's best model to a folder (TF.js or ONNX); says where in a toast. Resolves
   * true when the files were written.
   */
  exportModel(runId: RunId, format: ModelFormat, outDir: string): Promise<boolean>
  /** Puts a run's new summary in the list (from an answer or a status event). */
  upsertRun(summary: RunSummary): void
  /** Appends live points (used by the event wiring). */
  appendBatch(runId: RunId, logs: BatchLogs): void
  appendEpoch(runId: RunId, record: EpochRecord): void
  /** Appends many live points of a run in one update (one re-render). */
  appendProgress(runId: RunId, batches: readonly BatchLogs[], epochs: readonly EpochRecord[]): void
}

const EMPTY_TRACE: RunTrace = { status: 'ready', epochs: [], batches: [] }

export const createRunsSlice: StateCreator<TrainingStore, [], [], RunsSlice> = (set, get) => {
  const control = async (
    method: 'training.pause' | 'training.resume' | 'training.cancel',
    runId: RunId,
  ): Promise<void> => {
    const { data, error } = await studio.callSafe(method, { runId })
    if (error !== null) return toastError(error)
    get().upsertRun(data)
  }
  return {
    datasetId: null,
    runs: [],
    runsStatus: 'idle',
    traces: {},
    latestBatch: {},
    selectedRunId: null,
    compareIds: [],
    starting: false,
    setDataset(datasetId) {
      if (datasetId === get().datasetId) return
      set({ datasetId, runs: [], runsStatus: 'idle', selectedRunId: null, compareIds: [] })
      if (datasetId !== null) void get().loadRuns()
    },
    async loadRuns() {
      const datasetId = get().datasetId
      if (datasetId === null) return
      if (get().runsStatus === 'idle') set({ runsStatus: 'loading' })
      const { data, error } = await studio.callSafe('training.listRuns', { datasetId })
      if (get().datasetId !== datasetId) return
      if (error !== null) {
        set({ runsStatus: 'ready' })
        return toastError(error)
      }
      const selected = get().selectedRunId
      const keep = data.some((r) => r.id === selected)
      set({
        runs: data,
        runsStatus: 'ready',
        selectedRunId: keep ? selected : (data[0]?.id ?? null),
      })
      const first = keep ? selected : data[0]?.id
      if (first !== undefined && first !== null) void get().loadRun(first)
    },
    async loadRun(runId, force = false) {
      const existing = get().traces[runId]
      if (existing !== undefined && !force) return
      if (existing === undefined)
        set({ traces: { ...get().traces, [runId]: { ...EMPTY_TRACE, status: 'loading' } } })
      const { data, error } = await studio.callSafe('training.getRun', { runId })
      if (error !== null) {
        set({ traces: { ...get().traces, [runId]: EMPTY_TRACE } })
        return toastError(error)
      }
      // Live events may have arrived while loading: keep any point newer than the stored ones.
      const live = get().traces[runId] ?? EMPTY_TRACE
      const lastStep = data.batches[data.batches.length - 1]?.step ?? -1
      const lastEpoch = data.epochs[data.epochs.length - 1]?.logs.epoch ?? -1
      set({
        traces: {
          ...get().traces,
          [runId]: {
            status: 'ready',
            batches: [...data.batches, ...live.batches.filter((b) => b.step > lastStep)],
            epochs: [...data.epochs, ...live.epochs.filter((e) => e.logs.epoch > lastEpoch)],
          },
        },
      })
      get().upsertRun(data.summary)
    },
    selectRun(runId) {
      set({ selectedRunId: runId, compareIds: get().compareIds.filter((id) => id !== runId) })
      if (runId !== null) void get().loadRun(runId)
    },
    toggleCompare(runId) {
      const ids = get().compareIds
      set({ compareIds: ids.includes(runId) ? ids.filter((id) => id !== runId) : [...ids, runId] })
      void get().loadRun(runId)
    },
    async startRun(name) {
      const datasetId = get().datasetId
      if (datasetId === null) return
      set({ starting: true })
      const input = name
        ? { datasetId, config: get().draft, name }
        : { datasetId, config: get().draft }
      const { data, error } = await studio.callSafe('training.start', input)
      set({ starting: false })
      if (error !== null) return toastError(error)
      get().upsertRun(data)
      const previous = get().selectedRunId
      set({
        selectedRunId: data.id,
        traces: { ...get().traces, [data.id]: get().traces[data.id] ?? EMPTY_TRACE },
        compareIds: previous !== null ? [previous] : [],
      })
    },
    pauseRun: (runId) => control('training.pause', runId),
    resumeRun: (runId) => control('training.resume', runId),
    cancelRun: (runId) => control('training.cancel', runId),
    async deleteRun(runId) {
      const { error } = await studio.callSafe('training.deleteRun', { runId })
      if (error !== null) return toastError(error)
      const runs = get().runs.filter((r) => r.id !== runId)
      const traces = { ...get().traces }
      delete traces[runId]
      set({
        runs,
        traces,
        compareIds: get().compareIds.filter((id) => id !== runId),
        selectedRunId: get().selectedRunId === runId ? (runs[0]?.id ?? null) : get().selectedRunId,
      })
    },
    async exportModel(runId, format, outDir) {
      const { data, error } = await studio.callSafe('training.exportModel', {
        runId,
        format,
        outDir,
      })
      if (error !== null) {
        toastError(error)
        return false
      }
      useUiStore.getState().toast('success', `Exported to ${data.dir}: ${data.files.join(', ')}`)
      return true
    },
    upsertRun(summary) {
      if (summary.datasetId !== get().datasetId) return
      const runs = get().runs
      const at = runs.findIndex((r) => r.id === summary.id)
      set({
        runs: at < 0 ? [summary, ...runs] : runs.map((r) => (r.id === summary.id ? summary : r)),
      })
    },
    appendBatch(runId, logs) {
      get().appendProgress(runId, [logs], [])
    },
    appendEpoch(runId, record) {
      get().appendProgress(runId, [], [record])
    },
    appendProgress(runId, batches, records) {
      const trace = get().traces[runId] ?? EMPTY_TRACE
      // A later record of the same epoch (a resumed run redoing it) replaces the earlier one.
      const latestOf = new Map(records.map((r) => [r.logs.epoch, r]))
      const epochs = [
        ...trace.epochs.filter((e) => !latestOf.has(e.logs.epoch)),
        ...latestOf.values(),
      ]
      const latest = batches[batches.length - 1]
      set({
        traces: {
          ...get().traces,
          [runId]: { ...trace, batches: [...trace.batches, ...batches], epochs },
        },
        ...(latest ? { latestBatch: { ...get().latestBatch, [runId]: latest } } : {}),
      })
    },
  }
}
