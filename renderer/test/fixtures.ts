import type { EpochRecord } from '../../shared/contract'
import { EMOTIONS, TrainingConfig } from '../../shared/domain'
import type {
  BatchLogs,
  DatasetId,
  DatasetSummary,
  Emotion,
  FaceId,
  FaceSummary,
  RunId,
  RunSummary,
} from '../../shared/domain'

/** Small, readable fakes of the contract's data for tests. */
export function fakeDataset(overrides: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    id: 1 as DatasetId,
    name: 'tiny',
    source: 'fer2013-csv',
    sourcePath: '/data/tiny.csv',
    faceSize: 48,
    createdAt: 1_700_000_000_000,
    faceCount: 12,
    counts: {
      train: [2, 1, 1, 3, 1, 1, 1],
      validation: [1, 0, 0, 1, 0, 0, 0],
      test: [0, 0, 0, 0, 0, 0, 0],
    },
    hasFerPlus: false,
    excluded: { total: 0, notAFace: 0, duplicate: 0, other: 0 },
    duplicates: {
      groups: 1,
      facesInGroups: 2,
      crossSplitGroups: 1,
      conflictingGroups: 0,
      blankFaces: 0,
    },
    ...overrides,
  }
}

/** Face `id` labelled with EMOTIONS[id % 7] unless told otherwise. */
export function fakeFace(id: number, overrides: Partial<FaceSummary> = {}): FaceSummary {
  const label = EMOTIONS[id % 7] as Emotion
  return {
    id: id as FaceId,
    datasetId: 1 as DatasetId,
    split: 'train',
    label,
    originalLabel: label,
    sourceFile: 'tiny.csv',
    sourceRow: id,
    hash: `hash-${id}`,
    duplicateGroup: null,
    isBlank: false,
    excluded: null,
    ferPlusVotes: null,
    prediction: null,
    ...overrides,
  }
}

export function fakeRun(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: 1 as RunId,
    datasetId: 1 as DatasetId,
    name: 'run one',
    status: 'completed',
    config: TrainingConfig.parse({ epochs: 3 }),
    backend: 'wasm',
    threads: 1,
    createdAt: 1_700_000_000_000,
    startedAt: 1_700_000_000_000,
    finishedAt: 1_700_000_100_000,
    epochsDone: 3,
    bestEpoch: 2,
    bestValAccuracy: 0.5,
    error: null,
    ...overrides,
  }
}

export function fakeBatch(
  epoch: number,
  batch: number,
  overrides: Partial<BatchLogs> = {},
): BatchLogs {
  return {
    epoch,
    batch,
    batchesPerEpoch: 4,
    step: epoch * 4 + batch,
    loss: 2 - 0.1 * (epoch * 4 + batch),
    accuracy: 0.2 + 0.02 * (epoch * 4 + batch),
    elapsedMs: 1000,
    etaMs: 5000,
    facesPerSecond: 100,
    ...overrides,
  }
}

/** A 7x7 matrix with `diagonal` on the diagonal and `off` elsewhere. */
export function fakeConfusion(diagonal: number, off = 1): number[][] {
  return EMOTIONS.map((_, r) => EMOTIONS.map((__, c) => (r === c ? diagonal : off)))
}

export function fakeEpoch(
  epoch: number,
  overrides: Partial<EpochRecord['logs']> = {},
): EpochRecord {
  return {
    logs: {
      epoch,
      loss: 1.5 - epoch * 0.2,
      accuracy: 0.3 + epoch * 0.1,
      valLoss: 1.6 - epoch * 0.2,
      valAccuracy: 0.25 + epoch * 0.1,
      valMacroF1: 0.2 + epoch * 0.1,
      learningRate: 0.001,
      elapsedMs: 1000 * (epoch + 1),
      etaMs: 1000,
      facesPerSecond: 100,
      ...overrides,
    },
    confusion: fakeConfusion(5 + epoch * 5),
  }
}
