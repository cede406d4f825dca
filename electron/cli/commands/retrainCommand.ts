import type { Command } from 'commander'

import type { Emit, EventName, EventPayload } from '../../../shared/contract'
import { EMOTIONS } from '../../../shared/domain/emotion'
import { evaluationDelta, type EvaluationDelta } from '../../../shared/domain/evaluationDelta'
import type { RunId } from '../../../shared/domain/ids'
import { StudioFailure } from '../../../shared/transport/envelope'
import { getEvaluation } from '../../db/queries/runEvaluations'
import { toRunSummary } from '../../db/queries/runs'
import { createRetrainHandlers } from '../../services/retrainService'
import type { CliIo } from '../cliIo'
import { formatTable, printResult } from '../output'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'
import { threadsOption } from './evaluateCommand'
import { createCliTrainingService, findRun, percent } from './trainingCli'

type RetrainOptions = StoreOptions & { run: string; threads?: string }

const signed = (x: number) => (x > 0 ? `+${x}` : String(x))
const points = (before: number, after: number) =>
  `${percent(before)} -> ${percent(after)} (${signed(Math.round((after - before) * 1000) / 10)})`

/** The change per class and per confusion-matrix cell, as text. */
export function formatDelta(delta: EvaluationDelta): string {
  return [
    `accuracy ${points(delta.accuracy.before, delta.accuracy.after)}, ` +
      `macro-F1 ${points(delta.macroF1.before, delta.macroF1.after)}`,
    '',
    formatTable([
      ['class', 'recall', 'precision', 'F1', 'support'],
      ...delta.perClass.map((c) => [
        c.emotion,
        points(c.recall.before, c.recall.after),
        points(c.precision.before, c.precision.after),
        points(c.f1.before, c.f1.after),
        `${c.support.before} -> ${c.support.after}`,
      ]),
    ]),
    '',
    'change per cell (rows true, columns predicted):',
    formatTable([
      ['true \\ predicted', ...EMOTIONS],
      ...delta.cells.map((row, i) => [EMOTIONS[i] ?? String(i), ...row.map(signed)]),
    ]),
  ].join('\n')
}

/**
 * `fer-studio retrain --run R`: trains again with run R's recipe on the labels as they are now
 * (after accepting suggestions, say) and shows what changed per class and per matrix cell.
 */
export function registerRetrainCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('retrain')
      .description('train again with the recipe of a run and show what changed against it')
      .requiredOption('--run <run>', 'the run whose recipe to repeat (id or name)')
      .option('--threads <n>', 'most compute threads (default: one per core)'),
  ).action(async (options: RetrainOptions) => {
    await withStore(options, io, async (store) => {
      const source = findRun(store.db, options.run)
      const emit: Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event !== 'training.epochEnded' || options.json) return
        const { record } = payload as EventPayload<'training.epochEnded'>
        io.err(`epoch ${record.logs.epoch}: val acc ${percent(record.logs.valAccuracy)}\n`)
      }
      const training = await createCliTrainingService(store, io, {
        emit,
        ...threadsOption(options.threads),
      })
      let settled
      let basedOn: RunId
      try {
        const started = await createRetrainHandlers({ db: store.db, training })['training.retrain'](
          { runId: source.id },
          store.ctx,
        )
        basedOn = started.basedOn
        settled = await training.whenSettled(started.run.id)
      } finally {
        await training.close()
      }
      if (settled.status !== 'completed')
        throw new StudioFailure('CANCELLED', `Run ${settled.id} ${settled.status}`)
      const before = getEvaluation(store.db, basedOn, 'validation')
      const after = getEvaluation(store.db, settled.id, 'validation')
      const delta = before && after ? evaluationDelta(before.confusion, after.confusion) : null
      printResult(io, options, { run: toRunSummary(settled), basedOn, delta }, () =>
        delta === null
          ? `Run ${settled.id} completed; no validation evaluation to compare with run ${basedOn}`
          : `Run ${settled.id} (${settled.name}) against run ${basedOn}:\n\n${formatDelta(delta)}`,
      )
    })
  })
}
