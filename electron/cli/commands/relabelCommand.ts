import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'

import { emotionFromIndex } from '../../../shared/domain/emotion'
import { emotionFromName } from '../../../shared/domain/emotionNames'
import type { Emotion } from '../../../shared/domain/emotion'
import type { FaceId } from '../../../shared/domain/ids'
import { StudioFailure } from '../../../shared/transport/envelope'
import { createLabelHandlers } from '../../services/labelService'
import type { CliIo } from '../cliIo'
import { formatNumber, printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

type RelabelOptions = StoreOptions & { label: Emotion; actor: string }

function parseEmotion(value: string): Emotion {
  const emotion = /^\d+$/.test(value) ? emotionFromIndex(Number(value)) : emotionFromName(value)
  if (emotion === null)
    throw new InvalidArgumentError(
      `'${value}' is not an emotion (angry, disgust, fear, happy, sad, surprise, neutral or 0..6)`,
    )
  return emotion
}

export function parseFaceIds(values: readonly string[]): FaceId[] {
  return values.map((value) => {
    if (!/^[1-9]\d*$/.test(value))
      throw new StudioFailure('INVALID_INPUT', `face id '${value}' is not a positive integer`)
    return Number(value) as FaceId
  })
}

/** `fer-studio relabel <faceId...> --label L`: one step in the label history. */
export function registerRelabelCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('relabel')
      .description(
        'set the current label of faces (one history step; faces that already have it are left alone)',
      )
      .argument('<faceId...>', 'ids of faces of one dataset')
      .requiredOption('--label <emotion>', 'new label: a name (synonyms ok) or 0..6', parseEmotion)
      .option('--actor <name>', 'who made the change, for the history', 'cli'),
  ).action(async (ids: string[], options: RelabelOptions) => {
    const faceIds = parseFaceIds(ids)
    await withStore(options, io, async ({ db, dataDir, ctx }) => {
      const labels = createLabelHandlers({ db, dataDir, emit: () => {}, log: ctx.log })
      const result = await labels['labels.set'](
        { faceIds, label: options.label, actor: options.actor },
        ctx,
      )
      const unchanged = new Set(faceIds).size - result.changes.length
      printResult(
        io,
        options,
        result,
        () =>
          `Relabeled ${formatNumber(result.changes.length)} faces to ${options.label}` +
          (unchanged > 0 ? ` (${formatNumber(unchanged)} already had it)` : ''),
      )
    })
  })
}
