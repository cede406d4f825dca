import { NUM_EMOTIONS } from '../../../shared/domain/emotion'
import type { StudioDb } from '../openDatabase'

export type PredictionBatch = Readonly<{
  faceIds: ArrayLike<number>
  predicted: ArrayLike<number>
  confidence: ArrayLike<number>
  /** `faceIds.length * NUM_EMOTIONS` softmax probabilities. */
  probabilities: ArrayLike<number>
}>

/**
 * Replaces a run's predictions for these faces (one row per face, in one transaction). Faces
 * deleted since the snapshot was taken are skipped rather than failing the whole batch.
 */
export function replacePredictions(db: StudioDb, runId: number, batch: PredictionBatch): number {
  const insert = db.prepare(
    `INSERT OR REPLACE INTO predictions (run_id, face_id, predicted, confidence, p0, p1, p2, p3, p4, p5, p6)
     SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM faces WHERE id = ?)`,
  )
  const write = db.transaction(() => {
    let stored = 0
    for (let i = 0; i < batch.faceIds.length; i++) {
      const id = batch.faceIds[i] as number
      const p = Array.from(
        { length: NUM_EMOTIONS },
        (_, k) => batch.probabilities[i * NUM_EMOTIONS + k] as number,
      )
      stored += insert.run(runId, id, batch.predicted[i], batch.confidence[i], ...p, id).changes
    }
    return stored
  })
  return write.immediate()
}
