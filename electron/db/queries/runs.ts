import type { DatasetId, RunId } from '../../../shared/domain/ids'
import { RunStatus, type RunSummary, TrainingConfig } from '../../../shared/domain/training'
import type { StudioDb } from '../openDatabase'

/** A `runs` row as SQLite returns it. */
export type RunRow = {
  id: number
  dataset_id: number
  name: string
  status: string
  config: string
  backend: string | null
  threads: number | null
  created_at: number
  started_at: number | null
  finished_at: number | null
  epochs_done: number
  best_epoch: number | null
  best_val_accuracy: number | null
  run_dir: string | null
  error: string | null
}

/** A run as the service works with it: the contract's summary plus its folder. */
export type Run = RunSummary & Readonly<{ runDir: string | null }>

/** Statuses in which a worker is (or was, before a crash) training the run. */
export const ACTIVE_STATUSES = ['queued', 'running', 'paused'] as const

export function toRun(row: RunRow): Run {
  return {
    id: row.id as RunId,
    datasetId: row.dataset_id as DatasetId,
    name: row.name,
    status: RunStatus.parse(row.status),
    config: TrainingConfig.parse(JSON.parse(row.config)),
    backend: row.backend,
    threads: row.threads,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    epochsDone: row.epochs_done,
    bestEpoch: row.best_epoch,
    bestValAccuracy: row.best_val_accuracy,
    error: row.error,
    runDir: row.run_dir,
  }
}

/** The contract's view of a run (without its folder). */
export function toRunSummary(run: Run): RunSummary {
  const { runDir: _runDir, ...summary } = run
  return summary
}

export type NewRun = Readonly<{
  datasetId: number
  name: string
  config: TrainingConfig
  createdAt: number
}>

/** Inserts a queued run and returns its id. */
export function insertRun(db: StudioDb, input: NewRun): RunId {
  const result = db
    .prepare(
      `INSERT INTO runs (dataset_id, name, status, config, created_at)
       VALUES (?, ?, 'queued', ?, ?)`,
    )
    .run(input.datasetId, input.name, JSON.stringify(input.config), input.createdAt)
  return Number(result.lastInsertRowid) as RunId
}

export function getRun(db: StudioDb, id: number): Run | undefined {
  const row = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?').get(id)
  return row && toRun(row)
}

/** Runs newest first, of one dataset or of all. */
export function listRuns(db: StudioDb, datasetId?: number): Run[] {
  const rows =
    datasetId === undefined
      ? db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY id DESC').all()
      : db
          .prepare<[number], RunRow>('SELECT * FROM runs WHERE dataset_id = ? ORDER BY id DESC')
          .all(datasetId)
  return rows.map(toRun)
}

/** Runs of all datasets in the given statuses, oldest first. */
export function listRunsWithStatus(db: StudioDb, statuses: readonly string[]): Run[] {
  return db
    .prepare<[string], RunRow>(
      'SELECT * FROM runs WHERE status IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
    .all(JSON.stringify(statuses))
    .map(toRun)
}

/** Columns a run update may set; absent keys stay as they are. */
export type RunPatch = Partial<{
  name: string
  status: RunStatus
  backend: string | null
  threads: number | null
  startedAt: number | null
  finishedAt: number | null
  epochsDone: number
  bestEpoch: number | null
  bestValAccuracy: number | null
  runDir: string | null
  error: string | null
}>

const COLUMNS: Readonly<Record<keyof RunPatch, string>> = {
  name: 'name',
  status: 'status',
  backend: 'backend',
  threads: 'threads',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  epochsDone: 'epochs_done',
  bestEpoch: 'best_epoch',
  bestValAccuracy: 'best_val_accuracy',
  runDir: 'run_dir',
  error: 'error',
}

export function updateRun(db: StudioDb, id: number, patch: RunPatch): void {
  const keys = (Object.keys(patch) as (keyof RunPatch)[]).filter((k) => patch[k] !== undefined)
  if (keys.length === 0) return
  const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')
  db.prepare(`UPDATE runs SET ${sets} WHERE id = @id`).run({ ...pick(patch, keys), id })
}

function pick(patch: RunPatch, keys: readonly (keyof RunPatch)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = patch[k]
  return out
}

/** Deletes a run; its epochs, batches, evaluations and predictions go with it (ON DELETE CASCADE). */
export function deleteRun(db: StudioDb, id: number): void {
  db.prepare('DELETE FROM runs WHERE id = ?').run(id)
}

/** Ids of a dataset's runs. */
export function runIdsOfDataset(db: StudioDb, datasetId: number): number[] {
  return db
    .prepare<[number], { id: number }>('SELECT id FROM runs WHERE dataset_id = ?')
    .all(datasetId)
    .map((row) => row.id)
}

/** The dataset a run was trained on, or undefined when there is no such run. */
export function runDatasetId(db: StudioDb, runId: number): number | undefined {
  return db
    .prepare<[number], { dataset_id: number }>('SELECT dataset_id FROM runs WHERE id = ?')
    .get(runId)?.dataset_id
}
