import { mkdir } from 'node:fs/promises'

import { createBestModel } from './callbacks/bestModel'
import type { TrainingCallback } from './callbacks/callback'
import { createCheckpoint } from './callbacks/checkpoint'
import { readCheckpointFile } from './callbacks/checkpointFile'
import { createEarlyStopping } from './callbacks/earlyStopping'
import { createLrSchedule } from './callbacks/lrSchedule'
import { createProgressReporter } from './callbacks/progressReporter'
import { createSampleFaces } from './callbacks/sampleFaces'
import { createTimeBudget } from './callbacks/timeBudget'
import type { RunControl } from './callbacks/runControl'
import { recommendedTta } from '../../../shared/domain/recommendedTta'
import type { TrainingConfig } from '../../../shared/domain/training'

import { describeTargetNotes } from './data/ferPlusTargets'
import { optimizerSettings } from './engine/optimizerSettings'
import type { ComputeEngine, CreateEngine, CreateEngineOptions } from './engine/types'
import { evaluateWithTta } from '../common/evaluation'
import { viewsPerFace } from '../common/faceViews'
import { createEvaluationEngine } from './evaluationEngine'
import {
  type EvaluateMessage,
  type FromWorker,
  type RunOutcome,
  runFiles,
  type StartMessage,
  type Unsequenced,
} from '../common/protocol'
import { writeModelInput } from '../common/modelInput'
import { readDatasetSnapshot } from '../common/snapshot'
import { train } from './trainer'
import { createTrainingData, evalSetOf, evaluationIndices } from './trainerData'

export type JobDeps = Readonly<{
  post: (message: Unsequenced<FromWorker>) => void
  createEngine: CreateEngine
  now: () => number
}>

/**
 * One run inside the worker: reads the snapshot, builds the engine (recording which backend it
 * got), continues from the checkpoint when asked, trains with the standard callbacks, then
 * evaluates the best weights on validation with the run's recommended test-time augmentation, so
 * the stored evaluation, the Faces screen's predictions and a suspects job's out-of-fold
 * probabilities are the run's best. Everything is reported as messages; nothing here touches the
 * database.
 */
export async function runTrainingJob(
  message: StartMessage,
  control: RunControl,
  deps: JobDeps,
): Promise<void> {
  const { runId, config } = message
  const files = runFiles(message.runDir)
  const snapshot = readDatasetSnapshot(message.snapshotPath)
  const data = createTrainingData(snapshot, config)
  const finalTta = recommendedTta(config)
  const resume = message.resumeFrom ? await readCheckpointFile(message.resumeFrom) : null
  const engine = await deps.createEngine({
    ...engineOptions(config, message.maxThreads),
    inputSize: config.crop,
  })
  try {
    const report = (status: 'running' | 'paused') =>
      deps.post({
        type: 'statusChanged',
        runId,
        status,
        backend: engine.backend,
        threads: engine.threads,
      })
    report('running')
    control.onStatus(report)
    await mkdir(files.model, { recursive: true })
    await writeModelInput(files.model, {
      faceSize: snapshot.faceSize,
      inputSize: engine.inputSize,
    })
    deps.post({
      type: 'log',
      level: 'info',
      message:
        `run ${runId}: ${data.train.count} train faces (${data.samplesPerEpoch} per epoch), ` +
        `${data.validation?.count ?? 0} validation (${data.validationSource}), ` +
        `${engine.backend} x${engine.threads}` +
        (resume ? `, resuming after epoch ${resume.epochsDone}` : ''),
    })
    const targetNote = describeTargetNotes(data.targetNotes)
    if (targetNote !== '')
      deps.post({ type: 'log', level: 'info', message: `run ${runId}: ${targetNote}` })
    const best = createBestModel({ modelDir: files.model, bestFile: files.best })
    const callbacks: TrainingCallback[] = [
      control.callback,
      createLrSchedule({
        schedule: config.lrSchedule,
        baseLr: config.learningRate,
        epochs: config.epochs,
        budgetMs: config.timeBudgetMs,
      }),
      best,
    ]
    if (config.earlyStopping) {
      callbacks.push(
        createEarlyStopping({
          patience: config.earlyStopping.patience,
          restoreBest: config.earlyStopping.restoreBest,
          loadBest: () =>
            readCheckpointFile(files.best).then(
              (c) => c.snapshot,
              () => null,
            ),
        }),
      )
    }
    if (config.timeBudgetMs !== null) {
      callbacks.push(
        createTimeBudget({
          budgetMs: config.timeBudgetMs,
          validationFaces: data.validation?.count ?? 0,
          finalEvaluationViews: viewsPerFace(finalTta),
        }),
      )
    }
    callbacks.push(
      createCheckpoint({ file: files.checkpoint }),
      createProgressReporter({ runId, post: deps.post, now: deps.now }),
    )
    if (data.validation)
      callbacks.push(createSampleFaces({ runId, validation: data.validation, post: deps.post }))
    const result = await train({
      engine,
      data,
      config,
      callbacks,
      resume,
      isCancelRequested: () => control.isCancelled,
      now: deps.now,
    })
    const outcome: RunOutcome =
      result.stopReason === 'cancelled'
        ? 'cancelled'
        : result.stopReason === 'earlyStopping' || result.stopReason === 'timeBudget'
          ? 'stoppedEarly'
          : 'completed'
    // bestModel's onTrainEnd has put the best weights back: evaluate those, on whole faces (the
    // views of ten-crop are cut from them; the other modes see their centre crops).
    if (outcome !== 'cancelled' && data.validation && best.bestEpoch !== null) {
      const faces = evalSetOf(snapshot, evaluationIndices(snapshot, 'validation', config))
      const evaluated = await evaluateWithTta(engine, faces, finalTta, () => control.isCancelled)
      if (evaluated) {
        deps.post({
          type: 'evaluated',
          requestSeq: null,
          runId,
          split: 'validation',
          tta: finalTta,
          epoch: best.bestEpoch,
          faceIds: faces.faceIds,
          truth: faces.labels,
          probabilities: evaluated.probabilities,
          loss: evaluated.loss,
        })
      }
    }
    deps.post({
      type: 'finished',
      runId,
      outcome,
      epochsDone: result.epochsDone,
      bestEpoch: best.bestEpoch,
      modelDir: best.bestEpoch !== null ? files.model : null,
    })
  } finally {
    await engine.dispose()
  }
}

function engineOptions(config: TrainingConfig, maxThreads: number | null): CreateEngineOptions {
  const base = {
    model: config.model,
    backend: config.backend,
    seed: config.seed,
    optimizer: optimizerSettings(config.optimizer),
  }
  return maxThreads === null ? base : { ...base, maxThreads }
}

/**
 * Evaluates a run's best weights on one split of a snapshot and replies with every face's
 * probabilities; main turns them into metrics and stored predictions.
 */
export async function runEvaluationJob(message: EvaluateMessage, deps: JobDeps): Promise<void> {
  const { config } = message
  const snapshot = readDatasetSnapshot(message.snapshotPath)
  const set = evalSetOf(snapshot, evaluationIndices(snapshot, message.split, config))
  const best = await readCheckpointFile(runFiles(message.runDir).best)
  let engine: ComputeEngine | null = null
  try {
    // Built for the run's crop: the model takes crops of the faces, whatever the TTA.
    engine = await createEvaluationEngine(config, message.maxThreads, (options) =>
      deps.createEngine({ ...options, inputSize: config.crop }),
    )
    await engine.restore(best.snapshot)
    const evaluated = await evaluateWithTta(engine, set, message.tta)
    if (!evaluated) return
    deps.post({
      type: 'evaluated',
      requestSeq: message.seq,
      runId: message.runId,
      split: message.split,
      tta: message.tta,
      epoch: best.epochsDone,
      faceIds: set.faceIds,
      truth: set.labels,
      probabilities: evaluated.probabilities,
      loss: evaluated.loss,
    })
  } finally {
    await engine?.dispose()
  }
}
