import type { EvaluationResult } from '../../../shared/domain/training'

import type { CreateTrainerHost } from './host'
import type { EvaluateMessage } from '../common/protocol'
import type { RunStore } from './runStore'
import { startWorkerJob } from './workerJob'

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

  const evaluateNow = (request: EvaluationRequest): Promise<EvaluationResult> => {
    const host = deps.createHost()
    hosts.add(host)
    return startWorkerJob(
      host,
      { type: 'evaluate', ...request, maxThreads: deps.maxThreads },
      {
        answer: (reply) =>
          reply.type === 'evaluated' ? deps.store.recordEvaluation(reply) : undefined,
        log: deps.log,
        logPrefix: `[evaluate ${request.runId}]`,
        stoppedMessage: 'The evaluation worker stopped',
        onSettled: () => hosts.delete(host),
      },
    ).result
  }

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
