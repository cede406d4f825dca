import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'

import { EXCLUSION_REASONS, EXCLUSION_TITLES } from '../../../shared/domain/exclusion'
import type { ExclusionReason } from '../../../shared/domain/exclusion'
import { StudioFailure } from '../../../shared/transport/envelope'
import { createLabelHandlers } from '../../services/labelService'
import type { CliIo } from '../cliIo'
import { findDataset } from '../findDataset'
import { formatNumber, printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { parseFaceIds } from './relabelCommand'

type ExcludeOptions = StoreOptions & { reason?: ExclusionReason; dataset?: string; actor: string }

function parseReason(value: string): ExclusionReason {
  const reason = EXCLUSION_REASONS.find((r) => r === value)
  if (reason === undefined)
    throw new InvalidArgumentError(`'${value}' is not a reason (${EXCLUSION_REASONS.join(', ')})`)
  return reason
}

/**
 * `fer-studio exclude <faceId...> [--reason R]` and `fer-studio include <faceId...>`: one step of
 * the label history each, undoable like a relabel. With --dataset, every face must belong to it.
 */
export function registerExcludeCommands(program: Command, io: CliIo): void {
  for (const include of [false, true]) {
    const command = program
      .command(include ? 'include' : 'exclude')
      .description(
        include
          ? 'include excluded faces again (one history step)'
          : 'exclude faces from training, evaluation, counts and exports (one history step)',
      )
      .argument('<faceId...>', 'ids of faces of one dataset')
      .option('--dataset <dataset>', 'dataset name or id the faces must belong to')
      .option('--actor <name>', 'who made the change, for the history', 'cli')
    if (!include)
      command.addOption(
        new Option('--reason <reason>', `why: ${EXCLUSION_REASONS.join(', ')}`)
          .argParser(parseReason)
          .default('not-a-face'),
      )
    withStoreOptions(command).action(async (ids: string[], options: ExcludeOptions) => {
      const faceIds = parseFaceIds(ids)
      const reason = include ? null : (options.reason ?? 'not-a-face')
      await withStore(options, io, async ({ db, dataDir, ctx }) => {
        if (options.dataset !== undefined) {
          const dataset = findDataset(db, options.dataset)
          const outside = db
            .prepare<[string, number], { id: number }>(
              `SELECT id FROM faces WHERE id IN (SELECT value FROM json_each(?))
                AND dataset_id <> ? ORDER BY id LIMIT 1`,
            )
            .get(JSON.stringify(faceIds), dataset.id)
          if (outside)
            throw new StudioFailure(
              'INVALID_INPUT',
              `face ${outside.id} is not in dataset '${dataset.name}'`,
            )
        }
        const labels = createLabelHandlers({ db, dataDir, emit: () => {}, log: ctx.log })
        const result = await labels['labels.exclude'](
          { faceIds, reason, actor: options.actor },
          ctx,
        )
        const unchanged = new Set(faceIds).size - result.exclusions.length
        const why = reason === null ? '' : ` as ${EXCLUSION_TITLES[reason]}`
        printResult(
          io,
          options,
          result,
          () =>
            `${include ? 'Included' : 'Excluded'} ${formatNumber(result.exclusions.length)} faces${why}` +
            (unchanged > 0 ? ` (${formatNumber(unchanged)} already were)` : ''),
        )
      })
    })
  }
}
