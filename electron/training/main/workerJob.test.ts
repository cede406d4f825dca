import { afterEach, describe, expect, it, vi } from 'vitest'

import { StudioFailure } from '../../../shared/transport/envelope'
import type { FromWorker, ToWorker } from '../common/protocol'
import { createHostListeners, type TrainerHost } from './host'
import { startWorkerJob } from './workerJob'

/** A host whose worker is this test: what main posts is recorded, replies are delivered by hand. */
function fakeHost() {
  const listeners = createHostListeners()
  const posted: ToWorker[] = []
  const host: TrainerHost = {
    onMessage: listeners.onMessage,
    onExit: listeners.onExit,
    post: (message) => void posted.push(message),
    terminate: vi.fn(async () => listeners.exited({ code: null, error: null })),
  }
  return { host, posted, reply: (m: FromWorker) => listeners.deliver(m), listeners }
}

const SHUTDOWN = expect.objectContaining({ type: 'shutdown' })

const start = (host: TrainerHost, extra: { timeout?: { ms: number; message: string } } = {}) =>
  startWorkerJob(
    host,
    { type: 'shutdown' },
    {
      answer: (reply) => (reply.type === 'probed' ? 'answered' : undefined),
      log: () => undefined,
      logPrefix: '[job]',
      stoppedMessage: 'The job worker stopped',
      ...extra,
    },
  )

afterEach(() => vi.useRealTimers())

describe('startWorkerJob', () => {
  it('resolves with the accepted answer to its own request, then asks the worker to shut down', async () => {
    const { host, posted, reply } = fakeHost()
    const job = start(host)
    const seq = posted[0]!.seq
    reply({ type: 'probed', seq: 1, requestSeq: seq + 5 } as never)
    reply({ type: 'probed', seq: 2, requestSeq: seq } as never)
    await expect(job.result).resolves.toBe('answered')
    expect(posted.slice(1)).toEqual([SHUTDOWN])
  })

  it("rejects with the worker's own failure", async () => {
    const { host, posted, reply } = fakeHost()
    const job = start(host)
    reply({
      type: 'failed',
      seq: 1,
      requestSeq: posted[0]!.seq,
      error: { code: 'NOT_FOUND', message: 'no weights' },
    } as never)
    await expect(job.result).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no weights' })
  })

  it('rejects as INTERNAL, naming why, when the worker ends first', async () => {
    const { host, listeners } = fakeHost()
    const job = start(host)
    listeners.exited({ code: 3, error: null })
    await expect(job.result).rejects.toThrow('The job worker stopped (exit code 3)')
  })

  it('kills the worker when stopped or out of time', async () => {
    const stopped = fakeHost()
    const job = start(stopped.host)
    job.stop(new StudioFailure('CANCELLED', 'made way'))
    await expect(job.result).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(stopped.host.terminate).toHaveBeenCalled()

    vi.useFakeTimers()
    const slow = fakeHost()
    const late = start(slow.host, { timeout: { ms: 1000, message: 'took too long' } })
    vi.advanceTimersByTime(1000)
    await expect(late.result).rejects.toThrow('took too long')
    expect(slow.host.terminate).toHaveBeenCalled()
  })
})
