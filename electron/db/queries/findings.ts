import type { FaceFinding, FindingPlan } from '../../../shared/domain/finding'
import { FINDING_RESOLUTIONS } from '../../../shared/domain/finding'
import type { FaceId } from '../../../shared/domain/ids'
import type { Split } from '../../../shared/domain/split'
import type { StudioDb } from '../openDatabase'

/** The HAVING clause that makes a duplicate group (of included faces) part of each finding. */
const GROUP_HAVING: Readonly<Record<Exclude<FaceFinding, 'blank'>, string>> = {
  duplicates: 'COUNT(*) > 1',
  leakage: 'COUNT(*) > 1 AND COUNT(DISTINCT split) > 1',
  conflicts: 'COUNT(*) > 1 AND COUNT(DISTINCT label) > 1',
}

/**
 * A WHERE condition on `faces f` for the included faces of a finding, with its parameters. The
 * group conditions are those `summarizeDuplicates` counts, so a finding's badge and the faces it
 * opens agree. Everything is read from the `faces_grid` covering index.
 */
export function findingCondition(
  finding: FaceFinding,
  datasetId: number,
): Readonly<{ sql: string; params: number[] }> {
  if (finding === 'blank') return { sql: 'f.excluded IS NULL AND f.is_blank = 1', params: [] }
  return {
    sql: `f.excluded IS NULL AND f.duplicate_group IN (
      SELECT duplicate_group FROM faces INDEXED BY faces_grid
       WHERE dataset_id = ? AND duplicate_group IS NOT NULL AND excluded IS NULL
       GROUP BY duplicate_group HAVING ${GROUP_HAVING[finding]})`,
    params: [datasetId],
  }
}

/** Which copy of a group to keep first: test, then validation, then train. */
const SPLIT_RANK: Readonly<Record<Split, number>> = { test: 0, validation: 1, train: 2 }

type FindingRow = { id: number; split: Split; duplicate_group: number | null }

/**
 * The faces one action excludes to resolve a finding: of each duplicate (or conflicting) group it
 * keeps one copy, the one in test, else validation, else train, the lowest id among equals; of a
 * group leaking across splits it keeps the copies of the group's highest-ranked split (test, else
 * validation) and excludes the rest (the train copies); blank faces are all excluded.
 */
export function planFinding(db: StudioDb, datasetId: number, finding: FaceFinding): FindingPlan {
  const condition = findingCondition(finding, datasetId)
  const rows = db
    .prepare<number[], FindingRow>(
      `SELECT f.id, f.split, f.duplicate_group FROM faces f INDEXED BY faces_grid
        WHERE f.dataset_id = ? AND ${condition.sql} ORDER BY f.duplicate_group, f.id`,
    )
    .all(datasetId, ...condition.params)
  const { reason } = FINDING_RESOLUTIONS[finding]
  if (finding === 'blank') {
    return { finding, reason, faceIds: rows.map((r) => r.id as FaceId), groups: rows.length }
  }
  const groups = new Map<number, FindingRow[]>()
  for (const row of rows) {
    const group = groups.get(row.duplicate_group as number)
    if (group) group.push(row)
    else groups.set(row.duplicate_group as number, [row])
  }
  const faceIds: FaceId[] = []
  for (const copies of groups.values()) {
    const bestRank = Math.min(...copies.map((c) => SPLIT_RANK[c.split]))
    if (finding === 'leakage') {
      for (const c of copies) if (SPLIT_RANK[c.split] > bestRank) faceIds.push(c.id as FaceId)
      continue
    }
    // Rows come in id order, so the first copy of the best split is the lowest id among equals.
    const keep = copies.find((c) => SPLIT_RANK[c.split] === bestRank)
    for (const c of copies) if (c !== keep) faceIds.push(c.id as FaceId)
  }
  return { finding, reason, faceIds, groups: groups.size }
}
