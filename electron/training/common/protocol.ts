import { join } from 'node:path'

import type { Split } from '../../../shared/domain/split'
import type {
  BackendName,
  BatchLogs,
  EpochLogs,
  TestTimeAugmentation,
  TrainingConfig,
} from '../../../shared/domain/training'
import type { StudioError } from '../../../shared/transport/envelope'

/**
 * The messages between main and the training worker (docs/ARCHITECTURE.md; Signal's
 * `ts/sql/main.main.ts`). Both directions are closed discriminated unions, switched on
 * exhaustively at each end, and every message carries the sender's `seq` (1, 2, 3...) so a reply
 * can name the request it answers and logs can be ordered.
 *
 * Only plain data crosses: numbers, strings, arrays and typed arrays (structured clone, which
 * both worker_threads and Electron's utility process use). The worker never touches SQLite; main
 * persists what the worker reports.
 */

/** Starts (or, with `resumeFrom`, continues) a run. The worker answers with statusChanged. */
export type StartMessage = Readonly<{
  type: 'start'
  seq: number
  runId: number
  /** The dataset snapshot main wrote for this run (snapshot.ts). */
  snapshotPath: string
  /** Folder for the model, checkpoints and best weights. */
  runDir: string
  config: TrainingConfig
  /** Checkpoint file to continue from (an interrupted run), or null to start fresh. */
  resumeFrom: string | null
  /** Most compute threads the engine may use; null = one per core. */
  maxThreads: number | null
}>

/**
 * Evaluates a run's best weights on one split of a snapshot and replies `evaluated` (or
 * `failed` with this message's seq as `requestSeq`).
 */
export type EvaluateMessage = Readonly<{
  type: 'evaluate'
  seq: number
  runId: number
  runDir: string
  snapshotPath: string
  split: Split
  tta: TestTimeAugmentation
  config: TrainingConfig
  maxThreads: number | null
}>

/**
 * Times a few training steps (and one inference pass) of a preset on random faces, for the
 * estimate of a machine's first run; the worker replies `probed` (or `failed` with this seq).
 */
export type ProbeMessage = Readonly<{
  type: 'probe'
  seq: number
  /** The run's settings: its preset, backend, batch size, crop and augmentation. */
  config: TrainingConfig
  /** Timed steps go on until this long has passed (at least two steps). */
  budgetMs: number
  maxThreads: number | null
}>

export type ToWorker =
  | StartMessage
  | ProbeMessage
  | Readonly<{ type: 'pause'; seq: number; runId: number }>
  | Readonly<{ type: 'resume'; seq: number; runId: number }>
  | Readonly<{ type: 'cancel'; seq: number; runId: number }>
  | EvaluateMessage
  | Readonly<{ type: 'shutdown'; seq: number }>

/** Why a run ended without failing. */
export type RunOutcome = 'completed' | 'stoppedEarly' | 'cancelled'

/** Per-face results of one evaluation: parallel arrays, `probabilities` is `count * NUM_EMOTIONS`. */
export type EvaluatedMessage = Readonly<{
  type: 'evaluated'
  seq: number
  /** Seq of the `evaluate` request this answers; null for the automatic end-of-run evaluation. */
  requestSeq: number | null
  runId: number
  split: Split
  tta: TestTimeAugmentation
  /** Epoch whose weights were evaluated (the best one). */
  epoch: number | null
  faceIds: Int32Array
  /** Labels the faces had in the snapshot, FER2013 indices. */
  truth: Uint8Array
  probabilities: Float32Array
  loss: number
}>

export type FromWorker =
  | Readonly<{ type: 'ready'; seq: number }>
  | Readonly<{
      type: 'statusChanged'
      seq: number
      runId: number
      status: 'running' | 'paused'
      backend: BackendName
      threads: number
    }>
  | Readonly<{ type: 'batchEnded'; seq: number; runId: number; logs: BatchLogs }>
  | Readonly<{
      type: 'epochEnded'
      seq: number
      runId: number
      logs: EpochLogs
      /** Validation confusion matrix after the epoch (rows true, columns predicted). */
      confusion: number[][] | null
    }>
  | EvaluatedMessage
  | Readonly<{
      type: 'probed'
      seq: number
      requestSeq: number
      backend: BackendName
      threads: number
      inputSize: number
      /** Training faces a second over the timed steps. */
      facesPerSecond: number
      inferenceFacesPerSecond: number
      durationMs: number
    }>
  | Readonly<{
      type: 'epochSamples'
      seq: number
      runId: number
      epoch: number
      /** The fixed sample of validation faces Present mode follows (callbacks/sampleFaces.ts). */
      faceIds: number[]
      /** `faceIds.length * 7` probabilities after the epoch. */
      probabilities: Float32Array
    }>
  | Readonly<{
      type: 'finished'
      seq: number
      runId: number
      outcome: RunOutcome
      epochsDone: number
      bestEpoch: number | null
      /** Folder of the saved LayersModel (best weights), null when no epoch completed. */
      modelDir: string | null
    }>
  | Readonly<{
      type: 'failed'
      seq: number
      runId: number | null
      /** Seq of the request that failed (evaluate), null when a run failed. */
      requestSeq: number | null
      error: StudioError
    }>
  | Readonly<{ type: 'log'; seq: number; level: 'info' | 'warn' | 'error'; message: string }>

/** Distributes `Omit` over a union so each variant keeps its own fields. */
export type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never

/** Stamps outgoing messages with 1, 2, 3... */
export function createSequencer<T extends { seq: number }>(): (message: Unsequenced<T>) => T {
  let seq = 0
  return (message) => ({ ...message, seq: ++seq }) as unknown as T
}

/**
 * The files of a run folder (`<dataDir>/runs/<runId>/`), named in one place because main writes
 * some (the snapshot) and reads others (model, checkpoint) that the worker writes.
 */
export function runFiles(runDir: string): Readonly<{
  snapshot: string
  checkpoint: string
  best: string
  model: string
  owner: string
}> {
  const at = (name: string) => join(runDir, name)
  return {
    /** The dataset as the run saw it (snapshot.ts). */
    snapshot: at('snapshot.bin'),
    /** The last epoch's full state, replaced after every epoch (callbacks/checkpoint.ts). */
    checkpoint: at('checkpoint.ckpt'),
    /** The best epoch's weights (callbacks/bestModel.ts). */
    best: at('best.ckpt'),
    /**
     * The best weights as a TF.js LayersModel folder (model.json + weights.bin), with how faces
     * become its input (fer-studio-input.json, modelInput.ts).
     */
    model: at('model'),
    /** Which process is training the run (pid), so another process does not call it interrupted. */
    owner: at('owner.json'),
  }
}
