import { z } from 'zod'

import type { StudioDb } from '../openDatabase'

/** The sample faces' probabilities after one epoch: `probabilities[k]` is face `faceIds[k]`'s seven. */
export type EpochSamples = Readonly<{ epoch: number; faceIds: number[]; probabilities: number[][] }>

const Ids = z.array(z.number().int())
const Probabilities = z.array(z.array(z.number()).length(7))

/** Stores (or replaces) one epoch's sample predictions. */
export function putEpochSamples(db: StudioDb, runId: number, samples: EpochSamples): void {
  db.prepare(
    `INSERT OR REPLACE INTO run_epoch_samples (run_id, epoch, face_ids, probabilities)
     VALUES (?, ?, ?, ?)`,
  ).run(
    runId,
    samples.epoch,
    JSON.stringify(samples.faceIds),
    JSON.stringify(samples.probabilities),
  )
}

/** Every epoch's sample predictions of a run, in epoch order (empty for runs from before them). */
export function listEpochSamples(db: StudioDb, runId: number): EpochSamples[] {
  return db
    .prepare<[number], { epoch: number; face_ids: string; probabilities: string }>(
      'SELECT epoch, face_ids, probabilities FROM run_epoch_samples WHERE run_id = ? ORDER BY epoch',
    )
    .all(runId)
    .map((row) => ({
      epoch: row.epoch,
      faceIds: Ids.parse(JSON.parse(row.face_ids)),
      probabilities: Probabilities.parse(JSON.parse(row.probabilities)),
    }))
}
