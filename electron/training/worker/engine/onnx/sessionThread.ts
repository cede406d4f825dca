import type { Worker } from 'node:worker_threads'

import { connectThread, spawnEngineThread, type ThreadClient } from '../threadRpc'

import type { SessionOptions } from './loadOrt'
import type { SessionThreadRequests, TensorData } from './sessionThreadProtocol'

/** Starts an ONNX Runtime session thread; injected so a built app can point at its bundle. */
export type SpawnSessionThread = () => Worker

/**
 * Spawns ortSessionWorker from this folder, from sources or built (scripts/build-electron.js
 * writes it next to the training worker).
 */
export const spawnDefaultSessionThread: SpawnSessionThread = () =>
  spawnEngineThread('ortSessionWorker', import.meta.url)

const connect = (worker: Worker): ThreadClient<SessionThreadRequests> =>
  connectThread<SessionThreadRequests>(worker, 'ONNX Runtime thread')

/** A copy that owns its buffer: posting a view would copy the whole buffer under it. */
function own(t: TensorData): TensorData {
  const { data } = t
  return data.byteLength === data.buffer.byteLength ? t : { data: data.slice(), dims: t.dims }
}

/** An ONNX Runtime session living in its own thread. */
export type ThreadSession = Readonly<{
  threads: number
  /** Runs the session on float32 feeds (posted, views copied) and returns the fetched outputs. */
  run(
    feeds: Readonly<Record<string, TensorData>>,
    fetches: readonly string[],
  ): Promise<Record<string, Float32Array>>
  endProfiling(): Promise<void>
  dispose(): Promise<void>
}>

/** Starts a thread and opens `model` there with `options`; the thread ends if that fails. */
export async function openThreadSession(
  model: Uint8Array,
  options: SessionOptions,
  spawn: SpawnSessionThread = spawnDefaultSessionThread,
): Promise<ThreadSession> {
  const thread = connect(spawn())
  let threads: number
  try {
    threads = (await thread.call('open', { model, options })).threads
  } catch (err) {
    await thread.terminate()
    throw err
  }
  return {
    threads,
    run: (feeds, fetches) =>
      thread.call('run', {
        feeds: Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, own(t)])),
        fetches,
      }),
    endProfiling: () => thread.call('endProfiling', null).then(() => undefined),
    async dispose() {
      await thread.call('release', null).catch(() => null)
      await thread.terminate()
    },
  }
}
