import type { BatchLogs, EpochLogs, TrainingConfig } from '../../../shared/domain/training'

import {
  callHook,
  type StopReason,
  type TrainingCallback,
  type TrainingContext,
} from './callbacks/callback'
import type { CheckpointData } from './callbacks/checkpointFile'
import type { ComputeEngine } from './engine/types'
import { epochValidationMetrics, evaluateArrays } from '../common/evaluation'
import type { TrainingData } from './trainerData'

export type TrainOptions = Readonly<{
  engine: ComputeEngine
  data: TrainingData
  config: TrainingConfig
  /** Called in order at every hook; see callbacks/ for the usual set and its order. */
  callbacks: readonly TrainingCallback[]
  /** A checkpoint to continue from: weights, position, time, rate and callback states. */
  resume?: CheckpointData | null
  /** Asked between validation chunks, so a cancel lands during a long validation pass too. */
  isCancelRequested?: () => boolean
  now?: () => number
}>

export type TrainResult = Readonly<{
  /** Epochs completed in the whole run, across resumes. */
  epochsDone: number
  step: number
  elapsedMs: number
  stopReason: StopReason | null
}>

/**
 * The training loop (tfjs-examples' `model.fit` split into hooks, Keras style): for each epoch,
 * batches from the data pipeline go through `engine.trainBatch` at the context's learning rate,
 * then validation runs and the epoch's logs (loss, accuracy, validation loss/accuracy/macro-F1,
 * rate, elapsed, ETA, faces/s) go to the callbacks. Callbacks do everything else: progress
 * events, pause/cancel, schedules, early stopping, checkpoints, the best model.
 *
 * Epochs, batches and steps are 1-based. A cancel ends the loop after the current batch and the
 * unfinished epoch is not reported. Elapsed time, ETA and faces/s leave out paused time.
 *
 * Validation runs in inference mode, so BatchNormalization uses its moving statistics. With
 * Keras' default momentum (0.99) those need a few hundred steps to forget their initial values,
 * and validation looks like chance until then whatever the weights learned: fast-cnn and tiny-cnn
 * use momentum 0.9 (tens of steps); seed-cnn keeps 0.99 as its report specifies, so its first
 * epochs on a small dataset (the demo: ~27 steps of 64) under-report validation accuracy.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const { engine, data, config, callbacks } = options
  const now = options.now ?? (() => performance.now())
  const resume = options.resume ?? null
  const isCancelRequested = options.isCancelRequested ?? (() => false)

  let stopReason: StopReason | null = null
  const ctx: TrainingContext = {
    engine,
    config,
    batchesPerEpoch: data.batchesPerEpoch,
    learningRate: resume?.learningRate ?? config.learningRate,
    pausedMs: 0,
    get stopReason() {
      return stopReason
    },
    stop(reason) {
      stopReason ??= reason
    },
    collectState() {
      const states: Record<string, unknown> = {}
      for (const cb of callbacks) if (cb.saveState) states[cb.name] = cb.saveState()
      return states
    },
  }

  if (resume) {
    await engine.restore(resume.snapshot)
    for (const cb of callbacks) {
      const saved = resume.callbacks[cb.name]
      if (saved !== undefined && cb.loadState) await cb.loadState(saved)
    }
  }

  const totalSteps = config.epochs * data.batchesPerEpoch
  const baseElapsed = resume?.elapsedMs ?? 0
  const sessionStart = now()
  let step = resume?.step ?? 0
  const sessionFirstStep = step
  let epochsDone = resume?.epochsDone ?? 0

  /** Active (unpaused) time since this session started. */
  const sessionMs = () => now() - sessionStart - ctx.pausedMs
  const etaMs = (): number | null => {
    // With a time budget the run ends when the time is spent, not after its epochs.
    if (config.timeBudgetMs !== null)
      return Math.max(0, config.timeBudgetMs - baseElapsed - sessionMs())
    const steps = step - sessionFirstStep
    return steps > 0 ? (sessionMs() / steps) * (totalSteps - step) : null
  }

  await callHook(callbacks, 'onTrainBegin', ctx)
  for (let epoch = epochsDone + 1; epoch <= config.epochs && stopReason === null; epoch++) {
    await callHook(callbacks, 'onEpochBegin', epoch, ctx)
    if (stopReason !== null) break
    const rate = ctx.learningRate
    const epochStart = now()
    const pausedAtStart = ctx.pausedMs
    const trainMs = () => now() - epochStart - (ctx.pausedMs - pausedAtStart)
    let lossSum = 0
    let correct = 0
    let seen = 0
    let batch = 0
    for (const b of data.batches(epoch)) {
      const result = await engine.trainBatch({
        x: b.x,
        targets: b.targets,
        count: b.count,
        sampleWeights: b.sampleWeights,
        learningRate: ctx.learningRate,
      })
      batch++
      step++
      lossSum += result.loss * b.count
      correct += result.correct
      seen += b.count
      const logs: BatchLogs = {
        epoch,
        batch,
        batchesPerEpoch: data.batchesPerEpoch,
        step,
        loss: lossSum / seen,
        accuracy: correct / seen,
        elapsedMs: baseElapsed + sessionMs(),
        etaMs: etaMs(),
        facesPerSecond: perSecond(seen, trainMs()),
      }
      await callHook(callbacks, 'onBatchEnd', logs, ctx)
      if (stopReason !== null) break
    }
    if (stopReason === 'cancelled') break
    const facesPerSecond = perSecond(seen, trainMs())

    let valLoss: number | null = null
    let valAccuracy: number | null = null
    let valMacroF1: number | null = null
    let confusion: number[][] | null = null
    if (data.validation) {
      const evaluated = await evaluateArrays(engine, data.validation, isCancelRequested)
      if (evaluated === null) {
        ctx.stop('cancelled')
        break
      }
      const metrics = epochValidationMetrics(data.validation.labels, evaluated.probabilities)
      valLoss = evaluated.loss
      valAccuracy = metrics.accuracy
      valMacroF1 = metrics.macroF1
      confusion = metrics.confusion
    }
    const logs: EpochLogs = {
      epoch,
      loss: seen > 0 ? lossSum / seen : 0,
      accuracy: seen > 0 ? correct / seen : 0,
      valLoss,
      valAccuracy,
      valMacroF1,
      learningRate: rate,
      elapsedMs: baseElapsed + sessionMs(),
      etaMs: epoch === config.epochs || stopReason !== null ? 0 : etaMs(),
      facesPerSecond,
    }
    epochsDone = epoch
    await callHook(callbacks, 'onEpochEnd', { logs, confusion }, ctx)
  }
  await callHook(callbacks, 'onTrainEnd', ctx)
  return { epochsDone, step, elapsedMs: baseElapsed + sessionMs(), stopReason }
}

function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0
}
