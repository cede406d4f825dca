import type { SpeedProbeMeasure } from '../../../shared/domain/speedProbe'
import { StudioFailure } from '../../../shared/transport/envelope'

import type { CreateTrainerHost } from './host'
import { startWorkerJob } from './workerJob'
import type { ProbeMessage } from '../common/protocol'

export type ProbeRequest = Omit<ProbeMessage, 'type' | 'seq' | 'maxThreads'>

/** A probe that has not answered by then is stopped (a hung backend must not hang the screen). */
const PROBE_TIMEOUT_MS = 60_000

/**
 * Runs speed probes, each in a training worker of its own (never in main's event loop), one at a
 * time. Resolves with what the worker measured; rejects with a StudioFailure when the worker
 * fails, stops or takes too long, or `stop` ends it because a run is starting.
 */
export function createSpeedProbeRunner(
  deps: Readonly<{
    createHost: CreateTrainerHost
    log: (message: string) => void
    maxThreads: number | null
    timeoutMs?: number
  }>,
) {
  let queue: Promise<unknown> = Promise.resolve()
  /** Stops the probe in progress, if any (a run is starting). */
  let stopCurrent: (() => void) | null = null

  const probeNow = (request: ProbeRequest): Promise<SpeedProbeMeasure> => {
    const job = startWorkerJob<SpeedProbeMeasure>(
      deps.createHost(),
      { type: 'probe', ...request, maxThreads: deps.maxThreads },
      {
        answer: (reply) => {
          if (reply.type !== 'probed') return undefined
          const { backend, threads, facesPerSecond, inferenceFacesPerSecond, durationMs } = reply
          return { backend, threads, facesPerSecond, inferenceFacesPerSecond, durationMs }
        },
        log: deps.log,
        logPrefix: `[probe ${request.config.model}]`,
        stoppedMessage: 'the probe worker stopped',
        timeout: {
          ms: deps.timeoutMs ?? PROBE_TIMEOUT_MS,
          message: 'the speed probe took too long',
        },
        onSettled: () => {
          stopCurrent = null
        },
      },
    )
    stopCurrent = () =>
      job.stop(new StudioFailure('CANCELLED', 'the speed probe made way for a run'))
    return job.result
  }

  return {
    probe(request: ProbeRequest): Promise<SpeedProbeMeasure> {
      const next = queue.then(() => probeNow(request))
      queue = next.catch(() => undefined)
      return next
    },
    /** Stops the probe in progress (its worker is terminated; it rejects as CANCELLED). */
    stop(): void {
      stopCurrent?.()
    },
  }
}

export type SpeedProbeRunner = ReturnType<typeof createSpeedProbeRunner>
