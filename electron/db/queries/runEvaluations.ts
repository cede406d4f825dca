import type { Split } from '../../../shared/domain/split'
import { EvaluationResult } from '../../../shared/domain/training'
import type { StudioDb } from '../openDatabase'

/** The faces an evaluation covered, with the labels they had then: [faceId, truth] pairs. */
export type EvaluatedFaces = ReadonlyArray<readonly [number, number]>

/**
 * Stores (or replaces) a run's evaluation on a split. Beside the contract's result, the JSON keeps
 * the evaluated faces and their labels at evaluation time under `faces`, so a confusion-matrix
 * cell can be opened exactly as it was counted, even after relabelling.
 */
export function putEvaluation(
  db: StudioDb,
  result: EvaluationResult,
  faces: EvaluatedFaces,
  createdAt: number,
): void {
  db.prepare(
    'INSERT OR REPLACE INTO evaluations (run_id, split, result, created_at) VALUES (?, ?, ?, ?)',
  ).run(result.runId, result.split, JSON.stringify({ ...result, faces }), createdAt)
}

export function getEvaluation(db: StudioDb, runId: number, split: Split): EvaluationResult | null {
  const row = db
    .prepare<[number, string], { result: string }>(
      'SELECT result FROM evaluations WHERE run_id = ? AND split = ?',
    )
    .get(runId, split)
  return row ? EvaluationResult.parse(JSON.parse(row.result)) : null
}

/**
 * Ids of the faces behind one confusion-matrix cell of the stored evaluation: true label `truth`
 * at evaluation time and stored prediction `predicted`, ascending. Faces deleted since drop out.
 *
 * The evaluated faces are parsed from the stored JSON once and matched here: joining SQLite's
 * `json_each` over them to the predictions re-read the JSON for every prediction row, quadratic
 * in the split's size (3 s for FER2013's 3,589 validation faces, minutes for its 28,709 train
 * faces).
 */
export function evaluationCellFaces(
  db: StudioDb,
  runId: number,
  split: Split,
  truth: number,
  predicted: number,
): number[] {
  const evaluated = getEvaluatedFaces(db, runId, split)
  if (evaluated === null) return []
  const predictedSo = new Set(
    db
      .prepare<[number, number], number>(
        'SELECT face_id FROM predictions WHERE run_id = ? AND predicted = ?',
      )
      .pluck()
      .all(runId, predicted),
  )
  return evaluated
    .filter(([id, label]) => label === truth && predictedSo.has(id))
    .map(([id]) => id)
    .sort((a, b) => a - b)
}

/** The faces a stored evaluation covered with their labels then, or null when there is none. */
export function getEvaluatedFaces(
  db: StudioDb,
  runId: number,
  split: Split,
): EvaluatedFaces | null {
  const row = db
    .prepare<[number, string], { faces: string | null }>(
      "SELECT json_extract(result, '$.faces') AS faces FROM evaluations WHERE run_id = ? AND split = ?",
    )
    .get(runId, split)
  if (!row) return null
  return row.faces === null ? [] : (JSON.parse(row.faces) as EvaluatedFaces)
}

/**
 * How many faces changed since a stored evaluation: evaluated faces relabelled, excluded or
 * deleted since, and faces of the split included now that it did not cover. 0 without an
 * evaluation. Current labels come from the `faces_grid` covering index (no pixel rows read).
 */
export function countChangedSinceEvaluation(
  db: StudioDb,
  runId: number,
  split: Split,
  datasetId: number,
): number {
  const evaluated = getEvaluatedFaces(db, runId, split)
  if (evaluated === null) return 0
  const current = new Map<number, { label: number; excluded: boolean; split: Split }>()
  const rows = db
    .prepare<[number], { id: number; label: number; excluded: string | null; split: Split }>(
      'SELECT id, label, excluded, split FROM faces INDEXED BY faces_grid WHERE dataset_id = ?',
    )
    .all(datasetId)
  for (const r of rows)
    current.set(r.id, { label: r.label, excluded: r.excluded !== null, split: r.split })
  let changed = 0
  const covered = new Set<number>()
  for (const [id, truth] of evaluated) {
    covered.add(id)
    const face = current.get(id)
    if (face === undefined || face.excluded || face.label !== truth) changed++
  }
  // A holdout evaluation (validation taken out of train) covers no stored split of its own.
  const coversSplit = evaluated.some(([id]) => current.get(id)?.split === split)
  if (coversSplit) {
    for (const [id, face] of current) {
      if (face.split === split && !face.excluded && !covered.has(id)) changed++
    }
  }
  return changed
}
