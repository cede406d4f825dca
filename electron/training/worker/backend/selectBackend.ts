import { availableParallelism } from 'node:os'

import * as tf from '../../common/tf'

import { BACKENDS, type BackendName } from '../../../../shared/domain/training'

import type { BackendLoaders } from './backendLoaders'
import { probeCpuEngines, type CpuProbeTimes } from './cpuProbe'

export type BackendChoice = Readonly<{
  /** Our name for the backend ('tensorflow-gpu', 'onnxruntime', 'tensorflow', 'wasm', 'cpu'). */
  name: BackendName
  /** The name tfjs registered it under (tfjs-node and tfjs-node-gpu both say 'tensorflow'). */
  tfName: string
  /** Threads the backend computes on in this thread's tfjs instance (or ORT's pool). */
  threads: number
  /** Backends tried before this one and why each failed, for logs and the run record. */
  skipped: ReadonlyArray<{ name: BackendName; reason: string }>
  /** Where both native CPU engines loaded: what the probe measured to choose between them. */
  probe?: CpuProbeTimes
}>

export type SelectBackendOptions = Readonly<{
  /** 'auto' takes the first of BACKENDS that loads; a name forces that backend or fails. */
  preference: 'auto' | BackendName
  loaders: BackendLoaders
  /** Reports the thread count of a loaded backend; injected so tests need no native packages. */
  threadsOf?: (name: BackendName) => number
  /** Times ONNX Runtime against tfjs-node where both load (default: probeCpuEngines). */
  probeCpu?: (tensorflowTfName: string) => Promise<CpuProbeTimes>
}>

/** The native CPU engines 'auto' measures against each other instead of trusting the order. */
const NATIVE_CPU = ['onnxruntime', 'tensorflow'] as const

/** Thread count tfjs reports or uses for each backend (wasm: the XNNPACK pool size). */
export async function defaultThreadsOf(name: BackendName): Promise<number> {
  switch (name) {
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      return Math.max(1, wasm.getThreadsCount())
    }
    case 'onnxruntime':
    case 'tensorflow':
    case 'tensorflow-gpu':
      // ORT's intra-op pool is made with one thread per core (loadOrt.ts); libtensorflow's
      // defaults to the same.
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
  const skipped: { name: BackendName; reason: string }[] = []

  const load = async (name: BackendName): Promise<string | null> => {
    try {
      return await options.loaders[name]()
    } catch (err) {
      skipped.push({ name, reason: reasonOf(err) })
      return null
    }
  }

  const activate = async (
    name: BackendName,
    tfName: string,
    probe?: CpuProbeTimes,
  ): Promise<BackendChoice | null> => {
    try {
      if (!(await tf.setBackend(tfName))) throw new Error(`tfjs could not initialise '${tfName}'`)
      await tf.ready()
      const threads = options.threadsOf ? options.threadsOf(name) : await defaultThreadsOf(name)
      return { name, tfName, threads, skipped, ...(probe ? { probe } : {}) }
    } catch (err) {
      skipped.push({ name, reason: reasonOf(err) })
      return null
    }
  }

  /** Both native CPU engines: whichever loads, or the faster of the two where both do. */
  const nativeCpu = async (): Promise<BackendChoice | null> => {
    const loaded: { name: BackendName; tfName: string }[] = []
    for (const name of NATIVE_CPU) {
      const tfName = await load(name)
      if (tfName !== null) loaded.push({ name, tfName })
    }
    let probe: CpuProbeTimes | undefined
    const tensorflow = loaded.find((l) => l.name === 'tensorflow')
    if (loaded.length === 2 && tensorflow) {
      try {
        probe = await (options.probeCpu ?? probeCpuEngines)(tensorflow.tfName)
      } catch {
        // A probe that cannot run decides nothing: the listed order (onnxruntime first) stands.
        probe = undefined
      }
    }
    if (probe) {
      const times = probe
      const time = (name: BackendName) => times[name as keyof CpuProbeTimes]
      loaded.sort((a, b) => time(a.name) - time(b.name))
      const [faster, slower] = loaded as [(typeof loaded)[0], (typeof loaded)[0]]
      const ms = (name: BackendName) => `${time(name).toFixed(1)} ms`
      skipped.push({
        name: slower.name,
        reason: `slower here than ${faster.name} on a probe convolution (${ms(slower.name)} against ${ms(faster.name)})`,
      })
    }
    for (const candidate of loaded) {
      const choice = await activate(candidate.name, candidate.tfName, probe)
      if (choice) return choice
    }
    return null
  }

  if (options.preference !== 'auto') {
    const tfName = await load(options.preference)
    const choice = tfName === null ? null : await activate(options.preference, tfName)
    if (choice) return choice
  } else {
    for (const name of BACKENDS) {
      if (name === 'tensorflow') continue // measured together with onnxruntime
      const choice =
        name === 'onnxruntime'
          ? await nativeCpu()
          : await (async () => {
              const tfName = await load(name)
              return tfName === null ? null : activate(name, tfName)
            })()
      if (choice) return choice
    }
  }
  const tried = skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')
  throw new Error(`No compute backend could be loaded (${tried})`)
}
