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
 */
export function evaluationCellFaces(
  db: StudioDb,
  runId: number,
  split: Split,
  truth: number,
  predicted: number,
): number[] {
  return db
    .prepare<[{ runId: number; split: string; truth: number; predicted: number }], { id: number }>(
      `SELECT e.id AS id FROM (
         SELECT json_extract(j.value, '$[0]') AS id, json_extract(j.value, '$[1]') AS truth
           FROM evaluations ev, json_each(ev.result, '$.faces') j
          WHERE ev.run_id = @runId AND ev.split = @split
       ) e
       JOIN predictions p ON p.run_id = @runId AND p.face_id = e.id
      WHERE e.truth = @truth AND p.predicted = @predicted
      ORDER BY e.id`,
    )
    .all({ runId, split, truth, predicted })
    .map((row) => row.id)
}
