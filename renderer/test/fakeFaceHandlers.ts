import type { Handlers } from '../../shared/contract'
import type { Emotion, FaceId, FaceSummary } from '../../shared/domain'
import { fakeDataset, fakeFace } from './fixtures'

type Change = { faceId: FaceId; from: Emotion; to: Emotion }

/**
 * A small stateful backend for the Faces screen: `count` faces in one dataset, filtering by label,
 * and labels.set / undo / redo with a real undo stack. Returns the handlers and the faces so a
 * test can check what was "saved".
 */
export function fakeFaceHandlers(count: number): {
  handlers: Partial<Handlers>
  faces: Map<number, FaceSummary>
} {
  const faces = new Map<number, FaceSummary>()
  for (let id = 1; id <= count; id++) faces.set(id, fakeFace(id))
  const undo: Change[][] = []
  const redo: Change[][] = []
  const apply = (changes: readonly Change[], direction: 'to' | 'from') =>
    changes.map((c) => {
      const label = c[direction]
      faces.set(c.faceId, { ...(faces.get(c.faceId) as FaceSummary), label })
      return { faceId: c.faceId, label }
    })
  const result = (changes: { faceId: FaceId; label: Emotion }[]) => ({
    changes,
    canUndo: undo.length > 0,
    canRedo: redo.length > 0,
  })
  const handlers: Partial<Handlers> = {
    'datasets.list': async () => [fakeDataset({ faceCount: count })],
    'training.models': async () => [],
    'training.listRuns': async () => [],
    'faces.query': async ({ filter }) => {
      const ids = [...faces.values()]
        .filter((f) => filter.labels === undefined || filter.labels.includes(f.label))
        .map((f) => f.id)
      return { ids, total: ids.length }
    },
    'faces.get': async ({ ids }) =>
      ids.flatMap((id) => (faces.has(id) ? [faces.get(id) as FaceSummary] : [])),
    'faces.duplicates': async () => [],
    'labels.history': async () => [],
    'labels.set': async ({ faceIds, label }) => {
      const step = faceIds
        .map((faceId) => ({ faceId, from: (faces.get(faceId) as FaceSummary).label, to: label }))
        .filter((c) => c.from !== c.to)
      if (step.length > 0) {
        undo.push(step)
        redo.length = 0
      }
      return result(apply(step, 'to'))
    },
    'labels.undo': async () => {
      const step = undo.pop()
      if (step) redo.push(step)
      return result(step ? apply(step, 'from') : [])
    },
    'labels.redo': async () => {
      const step = redo.pop()
      if (step) undo.push(step)
      return result(step ? apply(step, 'to') : [])
    },
    'labels.undoState': async () => ({ canUndo: undo.length > 0, canRedo: redo.length > 0 }),
  }
  return { handlers, faces }
}
