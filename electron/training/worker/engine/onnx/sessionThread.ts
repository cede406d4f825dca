import { Worker } from 'node:worker_threads'

import type { CompiledGraph } from './compileTraining'
import type { GradientRunner } from './gradientShards'
import type { SessionOptions } from './loadOrt'
import type {
  SessionThreadMessage,
  SessionThreadMethod,
  SessionThreadReply,
  SessionThreadRequests,
  TensorData,
} from './sessionThreadProtocol'
import { gradientInputs, type StepData } from './stepFeeds'

/** Starts an ONNX Runtime session thread; injected so a built app can point at its bundle. */
export type SpawnSessionThread = () => Worker

const IS_TYPESCRIPT = import.meta.url.endsWith('.ts')

/**
 * Spawns ortSessionWorker from this folder: through the tsx bootstrap when running from
 * TypeScript sources (tests, CLI via tsx), or the compiled ortSessionWorker.js beside a built
 * engine (scripts/build-electron.js writes it next to the training worker).
 */
export const spawnDefaultSessionThread: SpawnSessionThread = () => {
  const entry = new URL(
    IS_TYPESCRIPT ? './ortSessionWorker.ts' : './ortSessionWorker.js',
    import.meta.url,
  )
  return IS_TYPESCRIPT
    ? new Worker(new URL('../replicaWorker.bootstrap.mjs', import.meta.url), {
        workerData: { entry: entry.href },
      })
    : new Worker(entry)
}

type SessionThread = Readonly<{
  call<M extends SessionThreadMethod>(
    method: M,
    input: SessionThreadRequests[M]['input'],
  ): Promise<SessionThreadRequests[M]['output']>
  terminate(): Promise<void>
}>

function connect(worker: Worker): SessionThread {
  let nextId = 1
  let failure: Error | null = null
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const failAll = (err: Error) => {
    failure = err
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  }
  // Keep the process alive only while a request is in flight, as the wasm replicas do.
  const holdWhileBusy = () => (pending.size > 0 ? worker.ref() : worker.unref())
  worker.on('message', (reply: SessionThreadReply) => {
    const p = pending.get(reply.id)
    if (!p) return
    pending.delete(reply.id)
    holdWhileBusy()
    if (reply.ok) p.resolve(reply.value)
    else p.reject(new Error(`ONNX Runtime thread failed: ${reply.error}`))
  })
  worker.on('error', (err) => failAll(err))
  worker.on('exit', (code) => failAll(new Error(`ONNX Runtime thread exited with code ${code}`)))
  return {
    call(method, input) {
      if (failure) return Promise.reject(failure)
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        holdWhileBusy()
        worker.postMessage({ id, method, input } as SessionThreadMessage)
      })
    },
    async terminate() {
      worker.removeAllListeners('exit')
      await worker.terminate()
    },
  }
}

/** A copy that owns its buffer: posting a view would copy the whole buffer under it. */
function own(t: TensorData): TensorData {
  const { data } = t
  return data.byteLength === data.buffer.byteLength ? t : { data: data.slice(), dims: t.dims }
}

/**
 * A gradient runner on its own thread: the gradient graph opened there with `options`, each
 * shard's data and the weights posted to it (copied), its outputs moved back.
 */
export async function openThreadRunner(
  graph: CompiledGraph,
  options: SessionOptions,
  inputSize: number,
  spawn: SpawnSessionThread = spawnDefaultSessionThread,
): Promise<GradientRunner & Readonly<{ threads: number }>> {
  const thread = connect(spawn())
  let threads: number
  try {
    threads = (await thread.call('open', { model: graph.bytes, options })).threads
  } catch (err) {
    await thread.terminate()
    throw err
  }
  const fetches = [
    graph.outputs.loss,
    graph.outputs.correct,
    ...graph.weights.map((s) => (s.ref.trainable ? s.gradient! : s.next!)),
  ]
  return {
    threads,
    async run(data: StepData, weights: readonly Float32Array[]) {
      const inputs = gradientInputs(graph, data, weights, inputSize)
      const feeds = Object.fromEntries(Object.entries(inputs).map(([k, t]) => [k, own(t)]))
      const out = await thread.call('run', { feeds, fetches })
      return {
        count: data.count,
        loss: out[graph.outputs.loss]![0]!,
        correct: Math.round(out[graph.outputs.correct]![0]!),
        outputs: graph.weights.map((s) => out[s.ref.trainable ? s.gradient! : s.next!]!),
      }
    },
    endProfiling: () => thread.call('endProfiling', null).then(() => undefined),
    async dispose() {
      await thread.call('release', null).catch(() => null)
      await thread.terminate()
    },
  }
}
