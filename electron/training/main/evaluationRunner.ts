import type { EvaluationResult } from '../../../shared/domain/training'
import { StudioFailure } from '../../../shared/transport/envelope'

import type { CreateTrainerHost } from './host'
import { createSequencer, type EvaluateMessage, type ToWorker } from '../common/protocol'
import type { RunStore } from './runStore'

/** What a caller asks: the worker message less what the runner stamps on it. */
export type EvaluationRequest = Omit<EvaluateMessage, 'type' | 'seq' | 'maxThreads'>

/**
 * On-demand evaluations, each in a worker of its own (so main never computes and a training run
 * can go on meanwhile), one at a time. The worker restores the run's best weights, reports every
 * face's probabilities, and the run store turns them into the stored result and predictions.
 */
export function createEvaluationRunner(
  deps: Readonly<{
    createHost: CreateTrainerHost
    store: RunStore
    log: (message: string) => void
    maxThreads: number | null
  }>,
) {
  let queue: Promise<unknown> = Promise.resolve()
  const hosts = new Set<ReturnType<CreateTrainerHost>>()

  const evaluateNow = (request: EvaluationRequest): Promise<EvaluationResult> =>
    new Promise<EvaluationResult>((resolve, reject) => {
      const host = deps.createHost()
      hosts.add(host)
      const stamp = createSequencer<ToWorker>()
      const message = stamp({ type: 'evaluate', ...request, maxThreads: deps.maxThreads })
      let settled = false
      const settle = (fn: () => void) => {
        if (settled) return
        settled = true
        hosts.delete(host)
        host.post(stamp({ type: 'shutdown' }))
        fn()
      }
      host.onMessage((reply) => {
        if (reply.type === 'log') deps.log(`[evaluate ${request.runId}] ${reply.message}`)
        if (reply.type === 'evaluated' && reply.requestSeq === message.seq) {
          settle(() => {
            try {
              resolve(deps.store.recordEvaluation(reply))
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)))
            }
          })
        }
        if (reply.type === 'failed' && reply.requestSeq === message.seq) {
          settle(() => reject(new StudioFailure(reply.error.code, reply.error.message)))
        }
      })
      host.onExit((exit) => {
        hosts.delete(host)
        const why = exit.error?.message ?? `exit code ${exit.code ?? 'none'}`
        settle(() =>
          reject(new StudioFailure('INTERNAL', `The evaluation worker stopped (${why})`)),
        )
      })
      host.post(message)
    })

  return {
    evaluate(request: EvaluationRequest): Promise<EvaluationResult> {
      const next = queue.then(() => evaluateNow(request))
      queue = next.catch(() => undefined)
      return next
    },
    async close(): Promise<void> {
      await Promise.all([...hosts].map((host) => host.terminate()))
    },
  }
}
