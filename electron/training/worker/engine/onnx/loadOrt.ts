import { availableParallelism } from 'node:os'

import type * as Ort from 'onnxruntime-node'

/** The onnxruntime-node module, as imported. */
export type OrtModule = typeof Ort
export type OrtSession = Ort.InferenceSession
export type OrtTensor = Ort.Tensor

/** Loading ONNX Runtime either works or says why not; it never throws through. */
export type OrtLoad =
  Readonly<{ ok: true; ort: OrtModule }> | Readonly<{ ok: false; reason: string }>

export type GraphOptimization = 'disabled' | 'basic' | 'extended' | 'all'

export type SessionOptions = Readonly<{
  /** Intra-op threads; default every core. */
  threads?: number
  /** ORT graph optimisations (default 'all'); measured per graph, so configurable. */
  optimization?: GraphOptimization
  /** Writes an ORT profile (JSON) with this file prefix, to see which operator costs what. */
  profileFilePrefix?: string
  /**
   * Let idle intra-op threads spin-wait for work (ORT's default). Off by default here: on a
   * machine whose cores are busy with other work, spinning threads steal the cores the working
   * ones need (measured in bench/inferBench.ts).
   */
  spinning?: boolean
}>

export type OrtSessionResult =
  | Readonly<{ ok: true; session: OrtSession; ort: OrtModule; threads: number }>
  | Readonly<{ ok: false; reason: string }>

function reasonOf(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err)
}

/** Imports by a computed specifier, so a bundler leaves the native module to Node at runtime. */
async function importOptional(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier)
}

const defaultImporter = () => importOptional('onnxruntime-node')

let cached: Promise<OrtLoad> | null = null

/**
 * Loads onnxruntime-node once per process. A native module can be missing or fail to load (no
 * binary for the platform, a broken install); that comes back as `{ ok: false, reason }` so the
 * backend chain can move on to the next engine.
 */
export function loadOrt(importer?: () => Promise<unknown>): Promise<OrtLoad> {
  const load = async (): Promise<OrtLoad> => {
    try {
      const imported = (await (importer ?? defaultImporter)()) as OrtModule & {
        default?: OrtModule
      }
      // CommonJS under ESM: the API may sit on `default`.
      const ort = typeof imported.InferenceSession === 'function' ? imported : imported.default
      if (!ort || typeof ort.InferenceSession !== 'function') {
        return { ok: false, reason: 'onnxruntime-node has no InferenceSession' }
      }
      return { ok: true, ort }
    } catch (err) {
      return { ok: false, reason: `onnxruntime-node could not load: ${reasonOf(err)}` }
    }
  }
  // Only the real module is cached; an injected importer (tests) always runs.
  if (importer) return load()
  cached ??= load()
  return cached
}

/**
 * An inference session on a serialised model, on the CPU provider with `threads` intra-op
 * threads (default every core) and sequential execution (our graphs are chains).
 */
export async function createOrtSession(
  model: Uint8Array,
  options: SessionOptions = {},
  load: () => Promise<OrtLoad> = () => loadOrt(),
): Promise<OrtSessionResult> {
  const loaded = await load()
  if (!loaded.ok) return loaded
  const threads = Math.max(1, options.threads ?? availableParallelism())
  try {
    const session = await loaded.ort.InferenceSession.create(model, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: options.optimization ?? 'all',
      extra: {
        session: {
          intra_op: { allow_spinning: options.spinning ? '1' : '0' },
          inter_op: { allow_spinning: options.spinning ? '1' : '0' },
        },
      },
      ...(options.profileFilePrefix
        ? { enableProfiling: true, profileFilePrefix: options.profileFilePrefix }
        : {}),
    })
    return { ok: true, session, ort: loaded.ort, threads }
  } catch (err) {
    return { ok: false, reason: `ONNX Runtime rejected the model: ${reasonOf(err)}` }
  }
}
