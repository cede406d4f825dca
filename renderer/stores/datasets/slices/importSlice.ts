import type { StateCreator } from 'zustand'

import type {
  ImportFormat,
  ImportJobId,
  ImportPhase,
  ImportReport,
} from '../../../../shared/domain'
import type { StudioError } from '../../../../shared/transport/envelope'
import { studio } from '../../../api/client'
import { toastError } from '../../ui/uiStore'
import type { DatasetsStore } from '../datasetsStore'

/** What is known about one import job, from its events. */
export type ImportJob = Readonly<{
  phase: ImportPhase
  done: number
  /** Known total (never an estimate); null while reading a CSV. */
  total: number | null
  /** Share of the input read while `total` is unknown (bytes), else null. */
  fraction: number | null
  report: ImportReport | null
  error: StudioError | null
  /** A cancel was asked for and its end (importFailed, CANCELLED) has not arrived yet. */
  cancelling: boolean
}>

export type Detection =
  | Readonly<{ status: 'idle' }>
  | Readonly<{ status: 'detecting'; path: string }>
  | Readonly<{ status: 'detected'; path: string; format: ImportFormat; description: string }>
  | Readonly<{ status: 'failed'; path: string; message: string }>

export type ImportRequest = Readonly<{
  path: string
  name: string
  skipBad: boolean
  format?: ImportFormat
}>

export type ImportSlice = {
  detection: Detection
  /** The job this window started and shows; null before an import or after `resetImport`. */
  activeJobId: string | null
  starting: boolean
  startError: string | null
  /** Every job seen in events, by id (events may arrive before `datasets.import` answers). */
  jobs: Readonly<Record<string, ImportJob>>
  detectFormat(path: string): Promise<void>
  startImport(request: ImportRequest): Promise<void>
  /** Cancels the active import; it then ends as failed with code CANCELLED, storing nothing. */
  cancelImport(): Promise<void>
  /** Back to an empty import form. */
  resetImport(): void
  /** Asks the native chooser (Electron) for a path; null when cancelled or unavailable. */
  choosePath(kind: 'file' | 'folder' | 'save-folder'): Promise<string | null>
}

const EMPTY_JOB: ImportJob = {
  phase: 'reading',
  done: 0,
  total: null,
  fraction: null,
  report: null,
  error: null,
  cancelling: false,
}

export const createImportSlice: StateCreator<DatasetsStore, [], [], ImportSlice> = (set, get) => ({
  detection: { status: 'idle' },
  activeJobId: null,
  starting: false,
  startError: null,
  jobs: {},
  async detectFormat(path) {
    const trimmed = path.trim()
    if (trimmed === '') return set({ detection: { status: 'idle' } })
    set({ detection: { status: 'detecting', path: trimmed } })
    const { data, error } = await studio.callSafe('datasets.detectFormat', { path: trimmed })
    // A newer path may have been typed while this one was being looked at.
    const now = get().detection
    if (now.status === 'idle' || now.path !== trimmed) return
    set({
      detection:
        error !== null
          ? { status: 'failed', path: trimmed, message: error.message }
          : {
              status: 'detected',
              path: trimmed,
              format: data.format,
              description: data.description,
            },
    })
  },
  async startImport({ path, name, skipBad, format }) {
    set({ starting: true, startError: null })
    const input = format === undefined ? { path, name, skipBad } : { path, name, skipBad, format }
    const { data, error } = await studio.callSafe('datasets.import', input)
    if (error !== null) return set({ starting: false, startError: error.message })
    set({
      starting: false,
      activeJobId: data.jobId,
      jobs: get().jobs[data.jobId] ? get().jobs : { ...get().jobs, [data.jobId]: EMPTY_JOB },
    })
  },
  async cancelImport() {
    const jobId = get().activeJobId
    if (jobId === null) return
    set({ jobs: updateJob(get().jobs, jobId, { cancelling: true }) })
    const { error } = await studio.callSafe('datasets.cancelImport', {
      jobId: jobId as ImportJobId,
    })
    // NOT_FOUND: it ended meanwhile, and its own end event says how.
    if (error !== null && error.code !== 'NOT_FOUND') {
      set({ jobs: updateJob(get().jobs, jobId, { cancelling: false }) })
      toastError(error)
    }
  },
  resetImport() {
    set({ activeJobId: null, startError: null, starting: false, detection: { status: 'idle' } })
  },
  async choosePath(kind) {
    const { data, error } = await studio.callSafe('app.choosePath', { kind })
    if (error !== null) {
      toastError(error)
      return null
    }
    return data
  },
})

/** Applies one import event to the job table (used by the event wiring). */
export function updateJob(
  jobs: Readonly<Record<string, ImportJob>>,
  jobId: string,
  change: Partial<ImportJob>,
): Readonly<Record<string, ImportJob>> {
  return { ...jobs, [jobId]: { ...(jobs[jobId] ?? EMPTY_JOB), ...change } }
}
