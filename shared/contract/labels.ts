import { z } from 'zod'

import { ExclusionReason } from '../domain/exclusion'
import { EmotionSchema, LabelChange, LabelSource } from '../domain/face'
import { DatasetId, FaceId } from '../domain/ids'
import type { EventGroup, MethodGroup } from './define'

export const ExclusionChange = z.object({ faceId: FaceId, excluded: ExclusionReason.nullable() })

export const UndoResult = z.object({
  /** Faces whose label changed, with their new labels. */
  changes: z.array(z.object({ faceId: FaceId, label: EmotionSchema })),
  /** Faces whose exclusion changed, with their new state (null: included again). */
  exclusions: z.array(ExclusionChange),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
})

export const labelMethods = {
  /**
   * Sets the current label of one or more faces in one step, saved at once and recorded in the
   * history; faces that already have the label are left alone. One undo step.
   */
  'labels.set': {
    input: z.object({
      faceIds: z.array(FaceId).min(1).max(100_000),
      label: EmotionSchema,
      actor: z.string().min(1).max(100).default('studio'),
    }),
    output: UndoResult,
  },
  /**
   * Excludes faces of one dataset with a reason, or includes them again (reason null), in one
   * step of the same history and undo as relabels; faces already so are left alone.
   */
  'labels.exclude': {
    input: z.object({
      faceIds: z.array(FaceId).min(1).max(100_000),
      reason: ExclusionReason.nullable(),
      actor: z.string().min(1).max(100).default('studio'),
    }),
    output: UndoResult,
  },
  /**
   * Sets each face to its own label in one step (saved at once, one undo step), recording where
   * the change came from; faces that already have their label are left alone.
   */
  'labels.setEach': {
    input: z.object({
      changes: z
        .array(z.object({ faceId: FaceId, label: EmotionSchema }))
        .min(1)
        .max(100_000),
      actor: z.string().min(1).max(100).default('studio'),
      source: LabelSource.default('manual'),
    }),
    output: UndoResult,
  },
  /** Undoes the latest label step of this session in the dataset (recorded as new history). */
  'labels.undo': { input: z.object({ datasetId: DatasetId }), output: UndoResult },
  /** Redoes the latest undone step. */
  'labels.redo': { input: z.object({ datasetId: DatasetId }), output: UndoResult },
  /**
   * Whether the dataset has a step of this session to undo or redo: the studio asks when it
   * opens a dataset again (another dataset in between, or a reload), so Undo shows what it can do.
   */
  'labels.undoState': {
    input: z.object({ datasetId: DatasetId }),
    output: z.object({ canUndo: z.boolean(), canRedo: z.boolean() }),
  },
  /** Label history, newest first: of one face, or of a whole dataset. */
  'labels.history': {
    input: z.object({
      faceId: FaceId.optional(),
      datasetId: DatasetId.optional(),
      limit: z.number().int().positive().max(10_000).default(200),
    }),
    output: z.array(LabelChange),
  },
} as const satisfies MethodGroup

export const labelEvents = {
  /** Labels changed (by anyone: this window, another window, the CLI through the bridge). */
  'labels.changed': z.object({
    datasetId: DatasetId,
    changes: z.array(z.object({ faceId: FaceId, label: EmotionSchema })),
    exclusions: z.array(ExclusionChange),
  }),
} as const satisfies EventGroup
