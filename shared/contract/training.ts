import { z } from 'zod'

import { NUM_EMOTIONS } from '../domain/emotion'
import { DatasetId, RunId } from '../domain/ids'
import {
  BatchLogs,
  EpochLogs,
  ModelFormat,
  ModelPreset,
  RunStatus,
  RunSummary,
  TrainingConfig,
} from '../domain/training'
import { StudioErrorSchema } from '../transport/envelope'
import type { EventGroup, MethodGroup } from './define'

export const EpochRecord = z.object({
  logs: EpochLogs,
  /** Validation confusion matrix after this epoch (rows true, columns predicted). */
  confusion: z
    .array(z.array(z.number().int()).length(NUM_EMOTIONS))
    .length(NUM_EMOTIONS)
    .nullable(),
})
export type EpochRecord = z.infer<typeof EpochRecord>

export const RunDetail = z.object({
  summary: RunSummary,
  epochs: z.array(EpochRecord),
  /** Per-batch points kept for the charts (thinned for long runs). */
  batches: z.array(BatchLogs),
})
export type RunDetail = z.infer<typeof RunDetail>

export const trainingMethods = {
  /** The model presets with parameter counts and FLOPs. */
  'training.models': { input: z.object({}), output: z.array(ModelPreset) },
  /** Starts a run in the training worker; CONFLICT when one is already running. */
  'training.start': {
    input: z.object({
      datasetId: DatasetId,
      config: TrainingConfig,
      name: z.string().max(200).optional(),
    }),
    output: RunSummary,
  },
  /** Pauses after the current batch. */
  'training.pause': { input: z.object({ runId: RunId }), output: RunSummary },
  /** Resumes a paused run, or an interrupted one from its last checkpoint. */
  'training.resume': { input: z.object({ runId: RunId }), output: RunSummary },
  /** Stops after the current batch; the run keeps what it learned so far. Idempotent. */
  'training.cancel': { input: z.object({ runId: RunId }), output: RunSummary },
  /** Runs, newest first, of one dataset or of all. */
  'training.listRuns': {
    input: z.object({ datasetId: DatasetId.optional() }),
    output: z.array(RunSummary),
  },
  /** A run with its per-epoch logs, confusion matrices and per-batch points. */
  'training.getRun': { input: z.object({ runId: RunId }), output: RunDetail },
  /** Deletes a finished run with its model and predictions. */
  'training.deleteRun': { input: z.object({ runId: RunId }), output: z.object({}) },
  /**
   * Writes a run's best model to a folder on this machine: a TF.js LayersModel folder or one
   * model.onnx (class order and preprocessing in its metadata). CONFLICT when the run has no
   * model yet or the folder already holds one of that format.
   */
  'training.exportModel': {
    input: z.object({ runId: RunId, format: ModelFormat, outDir: z.string().trim().min(1) }),
    output: z.object({ dir: z.string(), files: z.array(z.string()) }),
  },
} as const satisfies MethodGroup

export const trainingEvents = {
  /** A run changed status (started, paused, resumed, finished, cancelled, failed, interrupted). */
  'training.statusChanged': z.object({ runId: RunId, status: RunStatus, summary: RunSummary }),
  /** Throttled per-batch progress (at most a few per second). */
  'training.batchEnded': z.object({ runId: RunId, logs: BatchLogs }),
  /** Emitted once per epoch, after validation. */
  'training.epochEnded': z.object({ runId: RunId, record: EpochRecord }),
  'training.failed': z.object({ runId: RunId, error: StudioErrorSchema }),
} as const satisfies EventGroup
