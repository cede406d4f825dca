import type { SessionOptions } from './loadOrt'

/** A float32 tensor as plain data, to cross a thread boundary. */
export type TensorData = Readonly<{ data: Float32Array; dims: readonly number[] }>

/**
 * What the engine asks an ONNX Runtime session thread, and what each request returns. The thread
 * handles requests one at a time, in order; every failure comes back as a message, never thrown.
 */
export type SessionThreadRequests = {
  open: { input: { model: Uint8Array; options: SessionOptions }; output: { threads: number } }
  run: {
    input: { feeds: Readonly<Record<string, TensorData>>; fetches: readonly string[] }
    output: Record<string, Float32Array>
  }
  endProfiling: { input: null; output: null }
  release: { input: null; output: null }
}
