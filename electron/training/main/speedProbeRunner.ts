import type { SpeedProbeMeasure } from '../../../shared/domain/speedProbe'
import { StudioFailure } from '../../../shared/transport/envelope'

import type { CreateTrainerHost } from './host'
import { createSequencer, type ProbeMessage, type ToWorker } from '../common/protocol'

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

  const probeNow = (request: ProbeRequest): Promise<SpeedProbeMeasure> =>
    new Promise<SpeedProbeMeasure>((resolve, reject) => {
      const host = deps.createHost()
      const stamp = createSequencer<ToWorker>()
      const message = stamp({ type: 'probe', ...request, maxThreads: deps.maxThreads })
      let settled = false
      const settle = (fn: () => void, graceful = true) => {
        if (settled) return
        settled = true
        stopCurrent = null
        clearTimeout(timer)
        if (graceful) host.post(stamp({ type: 'shutdown' }))
        else void host.terminate()
        fn()
      }
      const timer = setTimeout(() => {
        settle(() => reject(new StudioFailure('INTERNAL', 'the speed probe took too long')), false)
      }, deps.timeoutMs ?? PROBE_TIMEOUT_MS)
      host.onMessage((reply) => {
        if (reply.type === 'log') deps.log(`[probe ${request.config.model}] ${reply.message}`)
        if (reply.type === 'probed' && reply.requestSeq === message.seq) {
          const { backend, threads, facesPerSecond, inferenceFacesPerSecond, durationMs } = reply
          settle(() =>
            resolve({ backend, threads, facesPerSecond, inferenceFacesPerSecond, durationMs }),
          )
        }
        if (reply.type === 'failed' && reply.requestSeq === message.seq)
          settle(() => reject(new StudioFailure(reply.error.code, reply.error.message)))
      })
      host.onExit((exit) => {
        const why = exit.error?.message ?? `exit code ${exit.code ?? 'none'}`
        settle(() => reject(new StudioFailure('INTERNAL', `the probe worker stopped (${why})`)))
      })
      stopCurrent = () =>
        settle(
          () => reject(new StudioFailure('CANCELLED', 'the speed probe made way for a run')),
          false,
        )
      host.post(message)
    })

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
