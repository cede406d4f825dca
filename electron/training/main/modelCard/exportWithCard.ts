import { rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { ModelFormat } from '../../../../shared/domain/training'
import type { StudioDb } from '../../../db/openDatabase'
import type { Run } from '../../../db/queries/runs'
import { readSavedModelInput } from '../../common/modelInput'
import { runFiles } from '../../common/protocol'
import { exportModel, type ExportResult } from '../exportModel'
import { buildModelCard } from './buildModelCard'
import { modelCardMarkdown } from './modelCardMarkdown'

export const MODEL_CARD_MD = 'MODEL_CARD.md'
export const MODEL_CARD_JSON = 'model_card.json'

export type ExportWithCardDeps = Readonly<{ db: StudioDb; now: () => number; appVersion: string }>

/**
 * `exportModel` plus the model card beside the model: MODEL_CARD.md and model_card.json, each
 * written under a temporary name and renamed. The card is built before anything is written, so
 * a run whose card cannot be made (its dataset deleted) exports nothing.
 */
export async function exportModelWithCard(
  deps: ExportWithCardDeps,
  run: Run,
  outDir: string,
  format: ModelFormat,
): Promise<ExportResult> {
  const modelDir = run.runDir === null ? null : runFiles(run.runDir).model
  const input = modelDir === null ? null : await readSavedModelInput(modelDir).catch(() => null)
  // exportModel gives the clear error for a run without a model; only then is input missing.
  if (input === null) return exportModel(run, outDir, format)
  const card = buildModelCard(deps.db, run, {
    format,
    input,
    exportedAt: deps.now(),
    appVersion: deps.appVersion,
  })
  const result = await exportModel(run, outDir, format)
  const write = async (name: string, text: string) => {
    const file = path.join(result.dir, name)
    await writeFile(`${file}.tmp`, text)
    await rename(`${file}.tmp`, file)
  }
  await write(MODEL_CARD_JSON, JSON.stringify(card, null, 2) + '\n')
  await write(MODEL_CARD_MD, modelCardMarkdown(card))
  return { dir: result.dir, files: [...result.files, MODEL_CARD_JSON, MODEL_CARD_MD].sort() }
}
