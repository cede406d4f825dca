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
import { createCliReview } from './suspectsCommand'
import type { StoreOptions } from '../storeOptions'

type RelabelOptions = StoreOptions & {
  label?: Emotion
  actor: string
  acceptSuggestions?: boolean
  ids?: string[]
}

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

/**
 * `fer-studio relabel <faceId...> --label L`: one step in the label history.
 * `fer-studio relabel --accept-suggestions --ids ...`: the suspects' suggested labels, one step
 * marked "accepted suggestion" in the history.
 */
export function registerRelabelCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('relabel')
      .description(
        'set the current label of faces (one history step; faces that already have it are left alone)',
      )
      .argument('[faceId...]', 'ids of faces of one dataset')
      .option('--label <emotion>', 'new label: a name (synonyms ok) or 0..6', parseEmotion)
      .option(
        '--accept-suggestions',
        'give each face the label its suspects job suggests (see: fer-studio suspects --list)',
      )
      .option('--ids <faceId...>', 'with --accept-suggestions: the faces')
      .option('--actor <name>', 'who made the change, for the history', 'cli'),
  ).action(async (args: string[], options: RelabelOptions) => {
    if (options.acceptSuggestions) {
      if (options.label !== undefined)
        throw new StudioFailure('INVALID_INPUT', '--accept-suggestions takes no --label')
      const faceIds = parseFaceIds([...args, ...(options.ids ?? [])])
      if (faceIds.length === 0)
        throw new StudioFailure('INVALID_INPUT', '--accept-suggestions needs --ids <faceId...>')
      await withStore(options, io, async (store) => {
        const result = await createCliReview(store)['suspects.accept'](
          { faceIds, actor: options.actor },
          store.ctx,
        )
        printResult(
          io,
          options,
          result,
          () =>
            `Accepted ${formatNumber(result.changes.length)} suggestions` +
            ` (${result.counts.remaining} suspects remaining)`,
        )
      })
      return
    }
    if (options.label === undefined)
      throw new StudioFailure('INVALID_INPUT', 'give --label <emotion> (or --accept-suggestions)')
    const label = options.label
    const faceIds = parseFaceIds([...args, ...(options.ids ?? [])])
    if (faceIds.length === 0) throw new StudioFailure('INVALID_INPUT', 'give the ids of faces')
    await withStore(options, io, async ({ db, dataDir, ctx }) => {
      const labels = createLabelHandlers({ db, dataDir, emit: () => {}, log: ctx.log })
      const result = await labels['labels.set']({ faceIds, label, actor: options.actor }, ctx)
      const unchanged = new Set(faceIds).size - result.changes.length
      printResult(
        io,
        options,
        result,
        () =>
          `Relabeled ${formatNumber(result.changes.length)} faces to ${label}` +
          (unchanged > 0 ? ` (${formatNumber(unchanged)} already had it)` : ''),
      )
    })
  })
}
