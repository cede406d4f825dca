import { z } from 'zod'

/**
 * A few seconds of training steps on random faces, measured in the training worker before a
 * machine's first run of a model, so the run can be estimated before it starts.
 */
export const SpeedProbe = z.object({
  model: z.string(),
  /** The backend the probe ran on (what 'auto' picked). */
  backend: z.string(),
  threads: z.number().int().positive(),
  /** Side of the model's input (the run's crop, or the whole 48 px face). */
  inputSize: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  /** Training faces a second over the steady-state steps (after a warm-up step). */
  facesPerSecond: z.number().positive(),
  /** Inference faces a second (validation), null when not measured. */
  inferenceFacesPerSecond: z.number().positive().nullable(),
  /** How long the probe took, warm-up and model building included. */
  durationMs: z.number().nonnegative(),
  /** Unix ms. */
  measuredAt: z.number(),
})
export type SpeedProbe = z.infer<typeof SpeedProbe>

/** What a probe measures, before it is stored with its key and time. */
export type SpeedProbeMeasure = Omit<SpeedProbe, 'model' | 'inputSize' | 'batchSize' | 'measuredAt'>
