import { Worker } from 'node:worker_threads'

/** What a thread answers: per method, its input and its output. */
export type ThreadRequests = Record<string, { input: unknown; output: unknown }>

/** A thread's answer to request `id`: its value, or the error message it failed with. */
export type ThreadReply =
  | Readonly<{ id: number; ok: true; value: unknown }>
  | Readonly<{ id: number; ok: false; error: string }>

/** One request to a thread, as posted. */
export type ThreadMessage<R extends ThreadRequests> = {
  [M in keyof R & string]: Readonly<{ id: number; method: M; input: R[M]['input'] }>
}[keyof R & string]

/** Typed requests to a worker thread that answers them in order. */
export type ThreadClient<R extends ThreadRequests> = Readonly<{
  call<M extends keyof R & string>(
    method: M,
    input: R[M]['input'],
    transfer?: ArrayBuffer[],
  ): Promise<R[M]['output']>
  terminate(): Promise<void>
}>

/**
 * Starts the engine thread `name` (a module in the folder of `from`, the caller's
 * import.meta.url): through the tsx bootstrap when running from TypeScript sources (tests, CLI
 * via tsx), or the compiled `name.js` beside a built engine.
 */
export function spawnEngineThread(name: string, from: string): Worker {
  const fromSources = from.endsWith('.ts')
  const entry = new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, from)
  return fromSources
    ? new Worker(new URL('./replicaWorker.bootstrap.mjs', import.meta.url), {
        workerData: { entry: entry.href },
      })
    : new Worker(entry)
}

/**
 * Requests to `worker`, each answered by id; once the thread errs or exits, every pending and
 * later request fails with that error. `label` names the thread in error messages.
 */
export function connectThread<R extends ThreadRequests>(
  worker: Worker,
  label: string,
): ThreadClient<R> {
  let nextId = 1
  let failure: Error | null = null
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const failAll = (err: Error) => {
    failure = err
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  }
  // Keep the process alive only while a request is in flight, so an engine nobody disposed
  // cannot hold a finished CLI run open, and an awaited step cannot let it exit early.
  const holdWhileBusy = () => (pending.size > 0 ? worker.ref() : worker.unref())
  worker.on('message', (reply: ThreadReply) => {
    const p = pending.get(reply.id)
    if (!p) return
    pending.delete(reply.id)
    holdWhileBusy()
    if (reply.ok) p.resolve(reply.value)
    else p.reject(new Error(`${label} failed: ${reply.error}`))
  })
  worker.on('error', (err) => failAll(err))
  worker.on('exit', (code) => failAll(new Error(`${label} exited with code ${code}`)))
  return {
    call(method, input, transfer = []) {
      if (failure) return Promise.reject(failure)
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        holdWhileBusy()
        const message = { id, method, input } as ThreadMessage<R>
        worker.postMessage(message, transfer)
      })
    },
    async terminate() {
      worker.removeAllListeners('exit')
      await worker.terminate()
    },
  }
}
