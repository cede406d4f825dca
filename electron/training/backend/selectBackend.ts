import { availableParallelism } from 'node:os'

import * as tf from '../tf'

import { BACKENDS, type BackendName } from '../../../shared/domain/training'

import type { BackendLoaders } from './backendLoaders'

export type BackendChoice = Readonly<{
  /** Our name for the backend ('tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'). */
  name: BackendName
  /** The name tfjs registered it under (tfjs-node and tfjs-node-gpu both say 'tensorflow'). */
  tfName: string
  /** Threads the backend computes on in this thread's tfjs instance. */
  threads: number
  /** Backends tried before this one and why each failed, for logs and the run record. */
  skipped: ReadonlyArray<{ name: BackendName; reason: string }>
}>

export type SelectBackendOptions = Readonly<{
  /** 'auto' takes the first of BACKENDS that loads; a name forces that backend or fails. */
  preference: 'auto' | BackendName
  loaders: BackendLoaders
  /** Reports the thread count of a loaded backend; injected so tests need no native packages. */
  threadsOf?: (name: BackendName) => number
}>

/** Thread count tfjs reports or uses for each backend (wasm: the XNNPACK pool size). */
export async function defaultThreadsOf(name: BackendName): Promise<number> {
  switch (name) {
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      return Math.max(1, wasm.getThreadsCount())
    }
    case 'tensorflow':
    case 'tensorflow-gpu':
      // libtensorflow's intra-op pool defaults to one thread per core.
      return availableParallelism()
    case 'cpu':
      return 1
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err)
}

/**
 * Loads and activates the fastest backend that works here (or the one asked for), so every run
 * records what it actually trained on. An explicit backend that cannot load is an error, not a
 * silent fallback: the user asked for it.
 */
export async function selectBackend(options: SelectBackendOptions): Promise<BackendChoice> {
  const order: readonly BackendName[] =
    options.preference === 'auto' ? BACKENDS : [options.preference]
  const skipped: { name: BackendName; reason: string }[] = []
  for (const name of order) {
    try {
      const tfName = await options.loaders[name]()
      if (!(await tf.setBackend(tfName))) throw new Error(`tfjs could not initialise '${tfName}'`)
      await tf.ready()
      const threads = options.threadsOf ? options.threadsOf(name) : await defaultThreadsOf(name)
      return { name, tfName, threads, skipped }
    } catch (err) {
      skipped.push({ name, reason: reasonOf(err) })
    }
  }
  const tried = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')
  throw new Error(`No compute backend could be loaded (${tried})`)
}
