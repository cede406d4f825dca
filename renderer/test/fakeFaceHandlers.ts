import type { Handlers } from '../../shared/contract'
import type { Emotion, FaceId, FaceSummary } from '../../shared/domain'
import type { ExclusionReason } from '../../shared/domain/exclusion'
import { fakeDataset, fakeFace } from './fixtures'

type Change =
  | { field: 'label'; faceId: FaceId; from: Emotion; to: Emotion }
  | { field: 'exclusion'; faceId: FaceId; from: ExclusionReason | null; to: ExclusionReason | null }

/**
 * A small stateful backend for the Faces screen: `count` faces in one dataset, filtering by label
 * and exclusion, and labels.set / exclude / undo / redo with a real undo stack. Returns the
 * handlers and the faces so a test can check what was "saved".
 */
export function fakeFaceHandlers(count: number): {
  handlers: Partial<Handlers>
  faces: Map<number, FaceSummary>
} {
  const faces = new Map<number, FaceSummary>()
  for (let id = 1; id <= count; id++) faces.set(id, fakeFace(id))
  const undo: Change[][] = []
  const redo: Change[][] = []
  const face = (id: FaceId): FaceSummary => faces.get(id) as FaceSummary
  const apply = (changes: readonly Change[], direction: 'to' | 'from') => {
    const labels: { faceId: FaceId; label: Emotion }[] = []
    const exclusions: { faceId: FaceId; excluded: ExclusionReason | null }[] = []
    for (const c of changes) {
      if (c.field === 'label') {
        faces.set(c.faceId, { ...face(c.faceId), label: c[direction] })
        labels.push({ faceId: c.faceId, label: c[direction] })
      } else {
        faces.set(c.faceId, { ...face(c.faceId), excluded: c[direction] })
        exclusions.push({ faceId: c.faceId, excluded: c[direction] })
      }
    }
    return { changes: labels, exclusions }
  }
  const result = (applied: ReturnType<typeof apply>) => ({
    ...applied,
    canUndo: undo.length > 0,
    canRedo: redo.length > 0,
  })
  const record = (step: Change[]) => {
    if (step.length > 0) {
      undo.push(step)
      redo.length = 0
    }
    return result(apply(step, 'to'))
  }
  const handlers: Partial<Handlers> = {
    'datasets.list': async () => [fakeDataset({ faceCount: count })],
    'training.models': async () => [],
    'training.listRuns': async () => [],
    'faces.query': async ({ filter }) => {
      const ids = [...faces.values()]
        .filter((f) => filter.labels === undefined || filter.labels.includes(f.label))
        .filter((f) => filter.exclusion !== 'excluded' || f.excluded !== null)
        .filter((f) => filter.exclusion !== 'included' || f.excluded === null)
        .map((f) => f.id)
      return { ids, total: ids.length, sortBasis: 'id' as const }
    },
    'faces.get': async ({ ids }) =>
      ids.flatMap((id) => (faces.has(id) ? [faces.get(id) as FaceSummary] : [])),
    'faces.duplicates': async () => [],
    'labels.history': async () => [],
    'labels.set': async ({ faceIds, label }) =>
      record(
        faceIds
          .map((faceId): Change => ({
            field: 'label',
            faceId,
            from: face(faceId).label,
            to: label,
          }))
          .filter((c) => c.from !== c.to),
      ),
    'labels.exclude': async ({ faceIds, reason }) =>
      record(
        faceIds
          .map((faceId): Change => ({
            field: 'exclusion',
            faceId,
            from: face(faceId).excluded,
            to: reason,
          }))
          .filter((c) => c.from !== c.to),
      ),
    'labels.undo': async () => {
      const step = undo.pop()
      if (step) redo.push(step)
      return result(step ? apply(step, 'from') : { changes: [], exclusions: [] })
    },
    'labels.redo': async () => {
      const step = redo.pop()
      if (step) undo.push(step)
      return result(step ? apply(step, 'to') : { changes: [], exclusions: [] })
    },
    'labels.undoState': async () => ({ canUndo: undo.length > 0, canRedo: redo.length > 0 }),
  }
  return { handlers, faces }
}
