import { EMOTIONS } from '../../../../shared/domain/emotion'
import { ModelCard, type ModelCardSplit } from '../../../../shared/domain/modelCard'
import type { ModelFormat } from '../../../../shared/domain/training'
import { SPLITS } from '../../../../shared/domain/split'
import { StudioFailure } from '../../../../shared/transport/envelope'
import type { StudioDb } from '../../../db/openDatabase'
import { getDataset, summarizeDataset } from '../../../db/queries/datasets'
import { listRunEpochs } from '../../../db/queries/runEpochs'
import { getEvaluation } from '../../../db/queries/runEvaluations'
import type { Run } from '../../../db/queries/runs'
import { describeModelInput, type ModelInput } from '../../common/modelInput'

export type ModelCardContext = Readonly<{
  format: ModelFormat
  input: ModelInput
  /** Export time, epoch ms. */
  exportedAt: number
  appVersion: string
}>

/**
 * A run's model card from what the store holds: the dataset's counts and duplicate findings as
 * they are now, the recipe as the run stored it, its epochs, and each split's stored evaluation
 * (a split never evaluated says so rather than showing numbers). Validated by the zod schema.
 */
export function buildModelCard(db: StudioDb, run: Run, context: ModelCardContext): ModelCard {
  const dataset = getDataset(db, run.datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${run.datasetId} does not exist`)
  const summary = summarizeDataset(db, dataset)
  const total = (split: (typeof SPLITS)[number]) => summary.counts[split].reduce((a, b) => a + b, 0)
  const epochs = listRunEpochs(db, run.id)
  const splits = SPLITS.map((split): ModelCardSplit => {
    const evaluation = getEvaluation(db, run.id, split)
    if (!evaluation) {
      return {
        split,
        faces: total(split),
        evaluated: false,
        tta: null,
        epoch: null,
        accuracy: null,
        macroF1: null,
        recall: null,
      }
    }
    return {
      split,
      faces: total(split),
      evaluated: true,
      tta: evaluation.tta,
      epoch: evaluation.epoch,
      accuracy: evaluation.accuracy,
      macroF1: evaluation.macro.f1,
      recall: evaluation.perClass.map((c, k) => ({
        label: EMOTIONS[k] as (typeof EMOTIONS)[number],
        recall: c.recall,
        support: c.support,
      })),
    }
  })
  return ModelCard.parse({
    schema: 'fer-studio/model-card@1',
    generatedBy: 'FER Studio',
    appVersion: context.appVersion,
    exportedAt: context.exportedAt,
    exportedAtIso: new Date(context.exportedAt).toISOString(),
    format: context.format,
    run: { id: run.id, name: run.name, status: run.status },
    dataset: {
      id: summary.id,
      name: summary.name,
      source: summary.source,
      faceSize: summary.faceSize,
      faces: {
        train: total('train'),
        validation: total('validation'),
        test: total('test'),
        excluded: summary.excluded.total,
      },
      duplicates: summary.duplicates,
    },
    splitsUsed: {
      train: 'train',
      validation: total('validation') > 0 ? 'validation' : 'holdout',
      holdoutFraction: total('validation') > 0 ? null : run.config.holdoutFraction,
    },
    recipe: run.config,
    input: { ...context.input, description: describeModelInput(context.input) },
    training: {
      backend: run.backend,
      threads: run.threads,
      epochsRun: run.epochsDone,
      bestEpoch: run.bestEpoch,
      wallTimeMs: epochs.at(-1)?.logs.elapsedMs ?? null,
    },
    splits,
  })
}
