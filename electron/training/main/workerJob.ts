import { StudioFailure } from '../../../shared/transport/envelope'

import {
  createSequencer,
  type FromWorker,
  type ToWorker,
  type Unsequenced,
} from '../common/protocol'
import type { TrainerHost } from './host'

/** The worker's replies to one request: those carrying its seq as `requestSeq`. */
type Reply = Extract<FromWorker, { requestSeq: number | null }>

/** One request answered by a training worker of its own, then shut down. */
export type WorkerJob<T> = Readonly<{
  result: Promise<T>
  /** Ends the job now with `failure` (the worker is killed, not asked to shut down). */
  stop(failure: StudioFailure): void
}>

/**
 * Posts `request` to `host` and settles once: with `answer(reply)` for the first reply to it
 * that `answer` accepts (it returns undefined for others; a throw rejects), with the worker's own
 * error for a `failed` reply, or INTERNAL "`stoppedMessage` (why)" when the worker ends first.
 * An answered or failed job asks the worker to shut down; a timed-out or stopped one kills it.
 * Worker log lines go to `log` with `logPrefix`.
 */
export function startWorkerJob<T>(
  host: TrainerHost,
  request: Unsequenced<ToWorker>,
  options: Readonly<{
    answer: (reply: Reply) => T | undefined
    log: (message: string) => void
    logPrefix: string
    stoppedMessage: string
    timeout?: Readonly<{ ms: number; message: string }>
    onSettled?: () => void
  }>,
): WorkerJob<T> {
  const stamp = createSequencer<ToWorker>()
  const message = stamp(request)
  let finish: (fn: () => void, graceful?: boolean) => void = () => undefined
  let stop: (failure: StudioFailure) => void = () => undefined
  const result = new Promise<T>((resolve, reject) => {
    let settled = false
    const timer =
      options.timeout === undefined
        ? null
        : setTimeout(() => {
            finish(() => reject(new StudioFailure('INTERNAL', options.timeout!.message)), false)
          }, options.timeout.ms)
    finish = (fn, graceful = true) => {
      if (settled) return
      settled = true
      if (timer !== null) clearTimeout(timer)
      options.onSettled?.()
      if (graceful) host.post(stamp({ type: 'shutdown' }))
      else void host.terminate()
      fn()
    }
    stop = (failure) => finish(() => reject(failure), false)
    host.onMessage((reply) => {
      if (reply.type === 'log') options.log(`${options.logPrefix} ${reply.message}`)
      if (!('requestSeq' in reply) || reply.requestSeq !== message.seq) return
      if (reply.type === 'failed') {
        finish(() => reject(new StudioFailure(reply.error.code, reply.error.message)))
        return
      }
      let value: T | undefined
      try {
        value = options.answer(reply)
      } catch (err) {
        finish(() => reject(err instanceof Error ? err : new Error(String(err))))
        return
      }
      if (value !== undefined) finish(() => resolve(value))
    })
    host.onExit((exit) => {
      const why = exit.error?.message ?? `exit code ${exit.code ?? 'none'}`
      finish(() => reject(new StudioFailure('INTERNAL', `${options.stoppedMessage} (${why})`)))
    })
    host.post(message)
  })
  return { result, stop: (failure) => stop(failure) }
}
