import { EMOTIONS, emotionIndex } from '../../shared/domain'
import type {
  DatasetId,
  DatasetSummary,
  Emotion,
  FaceFilter,
  FaceId,
  FacePrediction,
  FaceSummary,
  RunSummary,
  Split,
} from '../../shared/domain'
import { StudioFailure } from '../../shared/transport/envelope'
import { seededRandom } from './drawFakeFace'

/** A face with the expression it was drawn with (its label may be "wrong", as in real data). */
export type FakeFace = FaceSummary & { truth: Emotion }

/** FER2013-like class shares (disgust and fear scarce). */
const SHARES = [0.139, 0.015, 0.143, 0.251, 0.168, 0.11, 0.174]

/** The fake backend's tables, shared by its dataset, label and training parts. */
export function createFakeStore() {
  const datasets = new Map<number, { summary: Omit<DatasetSummary, 'counts' | 'faceCount'> }>()
  const faces = new Map<number, FakeFace>()
  const runs = new Map<number, RunSummary>()
  const predictions = new Map<number, Map<number, FacePrediction>>()
  const counters = { dataset: 1, face: 1 }

  const countsOf = (datasetId: number): DatasetSummary['counts'] => {
    const counts = {
      train: [0, 0, 0, 0, 0, 0, 0],
      validation: [0, 0, 0, 0, 0, 0, 0],
      test: [0, 0, 0, 0, 0, 0, 0],
    }
    for (const f of faces.values())
      if (f.datasetId === datasetId) counts[f.split][emotionIndex(f.label)]! += 1
    return counts
  }
  const summaryOf = (id: number): DatasetSummary => {
    const entry = datasets.get(id)
    if (!entry) throw new StudioFailure('NOT_FOUND', `Dataset ${id} does not exist`)
    const counts = countsOf(id)
    const faceCount = [...counts.train, ...counts.validation, ...counts.test].reduce(
      (a, b) => a + b,
      0,
    )
    return { ...entry.summary, counts, faceCount }
  }

  const makeDataset = (
    name: string,
    count: number,
    source: string,
    ferPlus: boolean,
  ): DatasetSummary => {
    const id = counters.dataset++ as DatasetId
    const rand = seededRandom(id * 101)
    let groups = 0
    for (let i = 0; i < count; i++) {
      let r = rand()
      let k = 0
      while (k < 6 && r > (SHARES[k] ?? 0)) r -= SHARES[k++] ?? 0
      const truth = EMOTIONS[k] as Emotion
      const noisy = rand() < 0.1
      const label = noisy ? (EMOTIONS[Math.floor(rand() * 7)] as Emotion) : truth
      const s = rand()
      const split: Split = s < 0.8 ? 'train' : s < 0.9 ? 'validation' : 'test'
      const faceId = counters.face++ as FaceId
      const duplicate = rand() < 0.02
      if (duplicate) groups++
      const votes = ferPlus ? ferVotes(truth, rand) : null
      faces.set(faceId, {
        id: faceId,
        datasetId: id,
        split,
        label,
        originalLabel: label,
        sourceFile: source === 'demo' ? 'demo' : 'fer2013.csv',
        sourceRow: i + 1,
        hash: `h${faceId}`,
        duplicateGroup: duplicate ? faceId : null,
        isBlank: false,
        ferPlusVotes: votes,
        prediction: null,
        truth,
      })
    }
    datasets.set(id, {
      summary: {
        id,
        name,
        source,
        sourcePath: source === 'demo' ? null : `/data/${name}.csv`,
        faceSize: 48,
        createdAt: Date.now() - 3600_000,
        hasFerPlus: ferPlus,
        duplicates: {
          groups,
          facesInGroups: groups * 2,
          crossSplitGroups: Math.floor(groups / 3),
          conflictingGroups: Math.floor(groups / 9),
          blankFaces: count > 10000 ? 11 : 0,
        },
      },
    })
    return summaryOf(id)
  }

  const facesOf = (datasetId: number): FakeFace[] =>
    [...faces.values()].filter((f) => f.datasetId === datasetId)

  const latestRun = (datasetId: number): number | null => {
    const done = [...runs.values()].filter(
      (r) => r.datasetId === datasetId && predictions.has(r.id),
    )
    return done.sort((a, b) => b.id - a.id)[0]?.id ?? null
  }

  const withPrediction = (face: FakeFace, runId: number | null): FaceSummary => {
    const { truth: _truth, ...summary } = face
    const prediction = runId === null ? null : (predictions.get(runId)?.get(face.id) ?? null)
    if (prediction === null) return { ...summary, prediction: null }
    return {
      ...summary,
      prediction: {
        ...prediction,
        labelProbability: prediction.probabilities[emotionIndex(face.label)] ?? 0,
      },
    }
  }

  return {
    datasets,
    faces,
    runs,
    predictions,
    countsOf,
    summaryOf,
    makeDataset,
    facesOf,
    latestRun,
    withPrediction,
  }
}

export type FakeStore = ReturnType<typeof createFakeStore>

export function matchesFilter(face: FaceSummary, filter: FaceFilter): boolean {
  if (filter.labels && !filter.labels.includes(face.label)) return false
  if (filter.splits && !filter.splits.includes(face.split)) return false
  if (filter.duplicatesOnly && face.duplicateGroup === null) return false
  if (filter.relabeledOnly && face.label === face.originalLabel) return false
  const p = face.prediction
  if (
    (filter.predicted ||
      filter.disagreesOnly ||
      filter.minConfidence !== undefined ||
      filter.maxConfidence !== undefined) &&
    p === null
  )
    return false
  if (p !== null) {
    if (filter.predicted && !filter.predicted.includes(p.label)) return false
    if (filter.disagreesOnly && p.label === face.label) return false
    if (filter.minConfidence !== undefined && p.confidence < filter.minConfidence) return false
    if (filter.maxConfidence !== undefined && p.confidence > filter.maxConfidence) return false
  }
  return true
}

function ferVotes(truth: Emotion, rand: () => number): number[] {
  // FER+ order: neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF
  const order: Emotion[] = ['neutral', 'happy', 'surprise', 'sad', 'angry', 'disgust', 'fear']
  const votes = new Array<number>(10).fill(0)
  for (let i = 0; i < 10; i++) {
    const r = rand()
    const k =
      r < 0.6
        ? order.indexOf(truth)
        : r < 0.95
          ? Math.floor(rand() * 7)
          : 7 + Math.floor(rand() * 3)
    votes[k] = (votes[k] ?? 0) + 1
  }
  return votes
}
