import { EMOTIONS } from '../../../shared/domain/emotion'
import type { FacePrediction } from '../../../shared/domain/face'
import type { RunId } from '../../../shared/domain/ids'
import type { StudioDb } from '../openDatabase'
import { emotionAt } from './faces'

/** A `predictions` row as SQLite returns it. */
export type PredictionRow = {
  run_id: number
  face_id: number
  predicted: number
  confidence: number
  p0: number
  p1: number
  p2: number
  p3: number
  p4: number
  p5: number
  p6: number
}

/**
 * The run whose predictions the Faces grid shows when none is chosen: of the dataset's runs that
 * completed and have stored predictions, the best (highest validation accuracy; the latest among
 * equals), or null. A suspects job's fold runs are left out: each predicted only its own fold.
 */
export function defaultPredictionRun(db: StudioDb, datasetId: number): RunId | null {
  const row = db
    .prepare<[number], { id: number }>(
      `SELECT r.id FROM runs r
        WHERE r.dataset_id = ? AND r.status = 'completed'
          AND EXISTS (SELECT 1 FROM predictions p WHERE p.run_id = r.id)
          AND NOT EXISTS (SELECT 1 FROM suspect_folds s WHERE s.run_id = r.id)
        ORDER BY r.best_val_accuracy IS NULL, r.best_val_accuracy DESC, r.id DESC LIMIT 1`,
    )
    .get(datasetId)
  return row ? (row.id as RunId) : null
}

/** A run's predictions for the given faces, by face id. */
export function getPredictions(
  db: StudioDb,
  runId: number,
  faceIds: readonly number[],
): Map<number, PredictionRow> {
  const rows = db
    .prepare<[number, string], PredictionRow>(
      `SELECT * FROM predictions
        WHERE run_id = ? AND face_id IN (SELECT value FROM json_each(?))`,
    )
    .all(runId, JSON.stringify(faceIds))
  return new Map(rows.map((row) => [row.face_id, row]))
}

/** A stored prediction as the contract shows it, relative to the face's current label. */
export function toFacePrediction(row: PredictionRow, currentLabel: number): FacePrediction {
  const probabilities = [row.p0, row.p1, row.p2, row.p3, row.p4, row.p5, row.p6]
  return {
    runId: row.run_id as RunId,
    label: emotionAt(row.predicted),
    confidence: row.confidence,
    labelProbability: probabilities[currentLabel] ?? 0,
    probabilities,
  }
}

/** SQL for "probability of the current label" of face alias `f` in prediction alias `p`. */
export const LABEL_PROBABILITY_SQL = `CASE f.label ${EMOTIONS.map((_, i) => `WHEN ${i} THEN p.p${i}`).join(' ')} END`
