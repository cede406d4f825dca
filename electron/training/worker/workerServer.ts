import { assertNever, StudioFailure } from '../../../shared/transport/envelope'
import { storageFailure } from '../../db/storageFaults'

import { createRunControl, type RunControl } from './callbacks/runControl'
import type { CreateEngine } from './engine/types'
import {
  createSequencer,
  type FromWorker,
  type ToWorker,
  type Unsequenced,
} from '../common/protocol'
import { runSpeedProbe } from './speedProbe'
import { runEvaluationJob, runTrainingJob } from './workerJobs'

/** The worker's end of the channel, whatever carries it (worker thread or utility process). */
export type WorkerPort = Readonly<{
  post(message: FromWorker): void
  onMessage(listener: (message: ToWorker) => void): void
  /** Ends the worker once the shutdown reply is out. */
  exit(): void
}>

type Job = { runId: number | null; control: RunControl | null; done: Promise<void> }

/**
 * The worker's message loop: one job at a time (a run, an evaluation or a speed probe),
 * pause/resume/cancel routed to the running job, `shutdown` cancelling it and exiting once it has
 * wound down. Every
 * failure becomes a `failed` message (errors as data); console output becomes `log` messages
 * so nothing the worker or tfjs prints lands in the CLI's output.
 */
export function serveWorker(
  port: WorkerPort,
  deps: Readonly<{ createEngine: CreateEngine; now?: () => number }>,
): void {
  const stamp = createSequencer<FromWorker>()
  const post = (message: Unsequenced<FromWorker>) => port.post(stamp(message))
  const now = deps.now ?? (() => performance.now())
  redirectConsole(post)
  let job: Job | null = null

  const failure = (err: unknown) => {
    // A full disk (checkpoint, best weights) is said so, not reported as a bug.
    const known = err instanceof StudioFailure ? err : storageFailure(err)
    return known
      ? known.toError()
      : { code: 'INTERNAL' as const, message: err instanceof Error ? err.message : String(err) }
  }

  const begin = (
    runId: number | null,
    control: RunControl | null,
    work: () => Promise<void>,
    requestSeq: number | null,
  ) => {
    const done = work()
      .catch((err: unknown) => {
        if (err instanceof Error && err.stack)
          post({ type: 'log', level: 'error', message: err.stack })
        post({ type: 'failed', runId, requestSeq, error: failure(err) })
      })
      .finally(() => {
        if (job?.done === done) job = null
      })
    job = { runId, control, done }
  }

  const busy = (message: ToWorker & { runId?: number }) =>
    post({
      type: 'failed',
      runId: message.runId ?? null,
      requestSeq: message.seq,
      error: {
        code: 'CONFLICT',
        message: `The worker is busy with run ${job?.runId ?? '(a speed probe)'}`,
      },
    })

  port.onMessage((message) => {
    switch (message.type) {
      case 'start': {
        if (job) return busy(message)
        const control = createRunControl({ now })
        begin(
          message.runId,
          control,
          () => runTrainingJob(message, control, { post, createEngine: deps.createEngine, now }),
          null,
        )
        return
      }
      case 'evaluate':
        if (job) return busy(message)
        begin(
          message.runId,
          null,
          () => runEvaluationJob(message, { post, createEngine: deps.createEngine, now }),
          message.seq,
        )
        return
      case 'probe':
        if (job) return busy(message)
        begin(
          null,
          null,
          () => runSpeedProbe(message, { post, createEngine: deps.createEngine, now }),
          message.seq,
        )
        return
      case 'pause':
        if (job?.runId === message.runId) job.control?.pause()
        return
      case 'resume':
        if (job?.runId === message.runId) job.control?.resume()
        return
      case 'cancel':
        if (job?.runId === message.runId) job.control?.cancel()
        return
      case 'shutdown': {
        const current: Job | null = job
        current?.control?.cancel()
        void (current?.done ?? Promise.resolve()).then(() => port.exit())
        return
      }
      default:
        assertNever(message)
    }
  })
  post({ type: 'ready' })
}

function redirectConsole(post: (message: Unsequenced<FromWorker>) => void): void {
  const text = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')
  console.log = (...args: unknown[]) => post({ type: 'log', level: 'info', message: text(args) })
  console.info = console.log
  console.debug = console.log
  console.warn = (...args: unknown[]) => post({ type: 'log', level: 'warn', message: text(args) })
  console.error = (...args: unknown[]) => post({ type: 'log', level: 'error', message: text(args) })
}
