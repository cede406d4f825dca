import { describe, expect, it } from 'vitest'

import { ModelCard } from '../../../../shared/domain/modelCard'
import { TrainingConfig } from '../../../../shared/domain/training'

import { modelCardMarkdown } from './modelCardMarkdown'

function cardWith(recipe: Partial<TrainingConfig>): ModelCard {
  const notEvaluated = { evaluated: false, tta: null, epoch: null, accuracy: null, macroF1: null }
  return ModelCard.parse({
    schema: 'fer-studio/model-card@1',
    generatedBy: 'FER Studio',
    appVersion: '9.9.9-test',
    exportedAt: 0,
    exportedAtIso: '2026-12-07T00:00:00.000Z',
    format: 'tfjs',
    run: { id: 4, name: 'fast-cnn #4', status: 'completed' },
    dataset: {
      id: 1,
      name: 'faces',
      source: 'fer2013-csv',
      faceSize: 48,
      faces: { train: 10, validation: 5, test: 0, excluded: 0 },
      duplicates: {
        groups: 0,
        facesInGroups: 0,
        crossSplitGroups: 0,
        conflictingGroups: 0,
        blankFaces: 0,
      },
    },
    splitsUsed: { train: 'train', validation: 'validation', holdoutFraction: null },
    recipe: TrainingConfig.parse(recipe),
    input: { faceSize: 48, inputSize: 48, description: '48x48 grayscale face' },
    training: { backend: 'onnxruntime', threads: 2, epochsRun: 137, bestEpoch: 101, wallTimeMs: 1 },
    splits: (['train', 'validation', 'test'] as const).map((split) => ({
      split,
      faces: 1,
      recall: null,
      ...notEvaluated,
    })),
  })
}

describe('modelCardMarkdown', () => {
  it('states a time-budget recipe as its budget, with the epoch count as the cap', () => {
    const markdown = modelCardMarkdown(cardWith({ epochs: 1000, timeBudgetMs: 3 * 3_600_000 }))
    expect(markdown).toContain('Preset fast-cnn, a 3 h 0 min time budget (at most 1000 epochs),')
  })

  it('states an epoch recipe as its epochs, and names the optimizer', () => {
    const markdown = modelCardMarkdown(
      cardWith({ epochs: 30, optimizer: { kind: 'sgd', momentum: 0.9, weightDecay: 5e-4 } }),
    )
    expect(markdown).toContain('Preset fast-cnn, 30 epochs, batch 64, sgd at learning rate 0.001')
  })
})
