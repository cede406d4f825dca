/**
 * Label requests (relabels, exclusions, undo, redo) run one after another, so the backend sees
 * them in the order the user pressed the keys even while earlier ones are still on the wire.
 */
let labelQueue: Promise<unknown> = Promise.resolve()
let queued = 0
/** Label requests ever queued: tells an answer whether a newer request has overtaken it. */
let enqueuedCount = 0

export function enqueue<T>(job: () => Promise<T>): Promise<T> {
  enqueuedCount++
  // An idle queue sends at once, in the key press itself: the request is on the wire before the
  // grid re-renders and before anything that render asks the backend for.
  const next = queued === 0 ? job() : labelQueue.then(job, job)
  queued++
  const done = (): void => {
    queued--
  }
  labelQueue = next.then(done, done)
  return next
}

export function labelRequestsQueued(): number {
  return enqueuedCount
}
