import { existsSync } from 'node:fs'
import { join } from 'node:path'

import type { Emit, Handlers } from '../../shared/contract'
import { EMOTIONS } from '../../shared/domain/emotion'
import { recommendedTta } from '../../shared/domain/recommendedTta'
import type { TestTimeAugmentation } from '../../shared/domain/training'
import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { getRun, type Run } from '../db/queries/runs'
import { addFace } from '../importers/addFace'
import { runFiles } from '../training/common/protocol'
import type { VisionClient } from '../vision/visionClient'

type PredictHandlers = Pick<Handlers, 'predict.photo' | 'predict.addFace'>

export type PredictDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  /** The vision worker: face detection and prediction off the main thread. */
  vision: VisionClient
}>

/**
 * Photos and camera frames through a run's model (`predict.photo`), and faces from them into a
 * dataset (`predict.addFace`). Binary crosses as base64 both ways.
 */
export function createPredictHandlers(deps: PredictDeps): PredictHandlers {
  return {
    'predict.photo': async ({ runId, image, faces, tta: asked }) => {
      const known = faces?.map((f) => ({ box: f.box, score: f.detectionScore })) ?? null
      const run = getRun(deps.db, runId)
      if (!run) throw new StudioFailure('NOT_FOUND', `No run with id ${runId}`)
      const tta = asked ?? recommendedTta(run.config)
      const result = await deps.vision.predictPhoto(
        modelDirOf(run, tta),
        fromBase64(image),
        known,
        tta,
      )
      return {
        width: result.width,
        height: result.height,
        cropSize: result.cropSize,
        elapsedMs: Math.round(result.elapsedMs),
        faces: result.faces.map((f) => ({
          box: f.box,
          detectionScore: f.detectionScore,
          label: f.label,
          confidence: f.confidence,
          probabilities: f.probabilities,
          crop: Buffer.from(f.crop.buffer, f.crop.byteOffset, f.crop.length).toString('base64'),
        })),
      }
    },
    'predict.addFace': async ({ target, crop, cropSize, label, split, source }) => {
      const added = await addFace(deps, target, {
        pixels: fromBase64(crop),
        faceSize: cropSize,
        label: EMOTIONS.indexOf(label),
        split,
        source,
      })
      deps.emit('datasets.changed', { datasetId: added.datasetId })
      return added
    },
  }
}

function modelDirOf(run: Run, tta: TestTimeAugmentation): string {
  if (tta === 'ten-crop' && run.config.crop === null)
    throw new StudioFailure(
      'INVALID_INPUT',
      `Run '${run.name}' was trained on whole faces, not random crops: ten-crop needs a run trained on crops`,
    )
  const dir = run.runDir === null ? null : runFiles(run.runDir).model
  if (dir === null || !existsSync(join(dir, 'model.json')))
    throw new StudioFailure('CONFLICT', `Run '${run.name}' has no saved model yet`)
  return dir
}

function fromBase64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
}
