/**
 * Maps an async stream through an async function with at most `concurrency` calls in flight,
 * yielding results in input order. Memory stays bounded by `concurrency` whatever the stream's
 * length. `fn` must not reject: turn failures into values (a rejected item) so one bad input
 * never leaves other calls unobserved.
 */
export async function* orderedMap<T, R>(
  input: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator =
    Symbol.asyncIterator in input
      ? (input as AsyncIterable<T>)[Symbol.asyncIterator]()
      : toAsync((input as Iterable<T>)[Symbol.iterator]())
  const inFlight: Promise<R>[] = []
  let exhausted = false
  const fill = async (): Promise<void> => {
    while (!exhausted && inFlight.length < concurrency) {
      const next = await iterator.next()
      if (next.done) exhausted = true
      else inFlight.push(fn(next.value))
    }
  }
  try {
    await fill()
    while (inFlight.length > 0) {
      const result = await inFlight.shift()!
      await fill()
      yield result
    }
  } finally {
    if (!exhausted) await iterator.return?.()
  }
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next() }
}
