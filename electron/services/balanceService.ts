import type { Handlers } from '../../shared/contract'
import type { balanceMethods } from '../../shared/contract/balance'
import { emotionIndex } from '../../shared/domain/emotion'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { countFaces, getDataset } from '../db/queries/datasets'
import { datasetFaceIds, datasetFacePixels } from '../db/queries/faces'
import { balancePlan } from '../training/worker/data/balance'
import { augmentPreview } from '../training/worker/data/preview'
import { createRng, mixSeed } from '../training/worker/data/rng'

export type BalanceHandlers = Pick<Handlers, keyof typeof balanceMethods>

/** Stream id for picking preview faces of a class. */
const PREVIEW_PICK_STREAM = 0x71c4

/**
 * The Balance screen's handlers: augmented samples of a face or a class, computed here with the
 * same augmentation code the trainer runs, and what a rebalancing plan does to the train counts.
 */
export function createBalanceHandlers(deps: Readonly<{ db: StudioDb }>): BalanceHandlers {
  const { db } = deps
  const requireDataset = (datasetId: number) => {
    const dataset = getDataset(db, datasetId)
    if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
    return dataset
  }

  return {
    async 'balance.augmentPreview'({ datasetId, faceId, label, augment, count, seed }) {
      const dataset = requireDataset(datasetId)
      const ids =
        faceId !== undefined
          ? [faceId]
          : createRng(mixSeed(seed, PREVIEW_PICK_STREAM))
              .shuffle(
                datasetFaceIds(db, datasetId, label === undefined ? null : emotionIndex(label)),
              )
              .slice(0, count)
      const sources = ids.map((id) => {
        const pixels = datasetFacePixels(db, datasetId, id)
        if (!pixels)
          throw new StudioFailure('NOT_FOUND', `Face ${id} is not in dataset ${datasetId}`)
        return new Uint8Array(pixels)
      })
      const samples = augmentPreview(sources, dataset.faceSize, augment, count, seed)
      return { size: dataset.faceSize, samples: samples.map((s) => Array.from(s)) }
    },

    async 'balance.plan'({ datasetId, balance }) {
      requireDataset(datasetId)
      const plan = balancePlan(countFaces(db, datasetId)['train'], balance)
      return { before: plan.before, after: plan.after, classWeights: plan.classWeights }
    },
  }
}
