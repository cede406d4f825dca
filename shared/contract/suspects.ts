import { z } from 'zod'

import { DatasetId, FaceId } from '../domain/ids'
import {
  Suspect,
  SuspectCounts,
  SuspectJobDetail,
  SuspectJobId,
  SuspectJobSummary,
  SuspectRanking,
} from '../domain/suspects'
import { TrainingConfig } from '../domain/training'
import { UndoResult } from './labels'
import type { EventGroup, MethodGroup } from './define'

export const suspectMethods = {
  /**
   * Starts a suspects job: the dataset's train and validation faces dealt into `folds` stratified
   * folds (pixel-identical copies in one fold), one model per fold trained on the other folds
   * with `config` (a run each, shown among the runs), each predicting only its held-out faces;
   * then confident learning ranks the faces whose label is probably wrong. CONFLICT while a run
   * or another job is training.
   */
  'suspects.start': {
    input: z.object({
      datasetId: DatasetId,
      folds: z.number().int().min(2).max(10).default(3),
      config: TrainingConfig,
      ranking: SuspectRanking.default('selfConfidence'),
    }),
    output: SuspectJobSummary,
  },
  /** Pauses the fold being trained. */
  'suspects.pause': { input: z.object({ jobId: SuspectJobId }), output: SuspectJobSummary },
  /** Resumes a paused job, or an interrupted one from its fold's last checkpoint. */
  'suspects.resume': { input: z.object({ jobId: SuspectJobId }), output: SuspectJobSummary },
  /** Stops the job after the current batch; finished folds are kept. */
  'suspects.cancel': { input: z.object({ jobId: SuspectJobId }), output: SuspectJobSummary },
  /** Jobs of a dataset, newest first. */
  'suspects.listJobs': {
    input: z.object({ datasetId: DatasetId }),
    output: z.array(SuspectJobSummary),
  },
  /** A job with its noise estimate and, where FER+ votes are attached, its check against them. */
  'suspects.getJob': { input: z.object({ jobId: SuspectJobId }), output: SuspectJobDetail },
  /**
   * The suspects of the dataset's latest completed job, most likely wrong first, with the counts
   * of kept, accepted and remaining; reviewed faces only with `includeReviewed`.
   */
  'suspects.list': {
    input: z.object({
      datasetId: DatasetId,
      limit: z.number().int().positive().max(100_000).default(100),
      offset: z.number().int().nonnegative().default(0),
      includeReviewed: z.boolean().default(false),
    }),
    output: z.object({
      jobId: SuspectJobId.nullable(),
      suspects: z.array(Suspect),
      counts: SuspectCounts,
    }),
  },
  /**
   * Relabels suspects to their suggested label: one ordinary, undoable step whose history is
   * marked "accepted suggestion"; the faces count as reviewed.
   */
  'suspects.accept': {
    input: z.object({
      faceIds: z.array(FaceId).min(1).max(100_000),
      actor: z.string().min(1).max(100).default('studio'),
    }),
    output: UndoResult.extend({ counts: SuspectCounts }),
  },
  /** Keeps the suspects' labels and marks them reviewed: they do not come back. */
  'suspects.keep': {
    input: z.object({ faceIds: z.array(FaceId).min(1).max(100_000) }),
    output: z.object({ counts: SuspectCounts }),
  },
} as const satisfies MethodGroup

export const suspectEvents = {
  /** A job started, moved to another fold, paused, finished or failed. */
  'suspects.changed': z.object({ job: SuspectJobSummary }),
  /** Suspects were accepted or kept. */
  'suspects.reviewed': z.object({ datasetId: DatasetId, counts: SuspectCounts }),
} as const satisfies EventGroup
