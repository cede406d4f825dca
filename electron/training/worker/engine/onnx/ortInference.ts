import { INFERENCE_INPUT, INFERENCE_OUTPUT } from './compileInference'
import { splitBatch } from './gradientShards'
import { createOrtSession, type SessionOptions } from './loadOrt'
import { openThreadSession, type SpawnSessionThread } from './sessionThread'

/** Faces per session run: bounds activation memory whatever the caller passes. */
const CHUNK = 256
/** Probabilities are clipped before the log like Keras (and trainingCore) do. */
const PROB_EPSILON = 1e-7
const CLASSES = 7

/** An inference graph loaded in ONNX Runtime: probabilities and loss for plain arrays. */
export type OrtInference = Readonly<{
  threads: number
  /** Softmax probabilities, `count * 7` floats; `x` is `count * size * size` NHWC pixels. */
  predict(x: Float32Array, count: number): Promise<Float32Array>
  /** Summed (not mean) cross-entropy over the faces, and their probabilities. */
  evaluate(
    x: Float32Array,
    y: Int32Array,
    count: number,
  ): Promise<{ lossSum: number; probabilities: Float32Array }>
  dispose(): Promise<void>
}>

export type OrtInferenceResult =
  Readonly<{ ok: true; inference: OrtInference }> | Readonly<{ ok: false; reason: string }>

/** Probabilities of `n` faces (NHWC pixels), `n * 7` floats: one run of the inference graph. */
type RunFaces = (faces: Float32Array, n: number) => Promise<Float32Array>

/** predict and evaluate over any way of running the graph, in chunks of CHUNK faces. */
function inferenceOver(
  run: RunFaces,
  inputSize: number,
  threads: number,
  dispose: () => Promise<void>,
): OrtInference {
  const pixels = inputSize * inputSize
  const predict = async (x: Float32Array, count: number) => {
    if (x.length < count * pixels) {
      throw new Error(`Batch holds ${x.length} floats, expected ${count} faces x ${pixels} pixels`)
    }
    const out = new Float32Array(count * CLASSES)
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start)
      out.set(await run(x.slice(start * pixels, (start + n) * pixels), n), start * CLASSES)
    }
    return out
  }
  return {
    threads,
    predict,
    async evaluate(x, y, count) {
      if (y.length < count) throw new Error(`Batch has ${y.length} labels for ${count} faces`)
      const probabilities = await predict(x, count)
      let lossSum = 0
      for (let i = 0; i < count; i++) {
        const p = probabilities[i * CLASSES + y[i]!]!
        lossSum -= Math.log(Math.min(1, Math.max(PROB_EPSILON, p)))
      }
      return { lossSum, probabilities }
    },
    dispose,
  }
}

function missingOutput(): never {
  throw new Error(`The inference graph has no '${INFERENCE_OUTPUT}' output`)
}

/**
 * Opens an inference graph (compileInferenceGraph's output) in ONNX Runtime. When the runtime
 * cannot load or rejects the graph, says why instead of throwing, so callers fall back to tfjs.
 */
export async function openOrtInference(
  model: Uint8Array,
  inputSize: number,
  options: SessionOptions = {},
): Promise<OrtInferenceResult> {
  const opened = await createOrtSession(model, options)
  if (!opened.ok) return opened
  const { session, ort, threads } = opened
  const run: RunFaces = async (x, n) => {
    const faces = new ort.Tensor('float32', x, [n, inputSize, inputSize, 1])
    const result = await session.run({ [INFERENCE_INPUT]: faces })
    const probs = result[INFERENCE_OUTPUT] ?? missingOutput()
    const values = (probs.data as Float32Array).slice()
    faces.dispose()
    probs.dispose()
    return values
  }
  return { ok: true, inference: inferenceOver(run, inputSize, threads, () => session.release()) }
}

/**
 * The inference graph in `count` session threads (one intra-op thread each by default), each
 * chunk of faces split between them: data-parallel like the training step, since one session's
 * intra-op pool leaves cores idle on these small layers. Throws if a thread cannot start.
 */
export async function openThreadedInference(
  model: Uint8Array,
  inputSize: number,
  options: SessionOptions,
  count: number,
  spawn?: SpawnSessionThread,
): Promise<OrtInference> {
  const opened = await Promise.allSettled(
    Array.from({ length: count }, () => openThreadSession(model, options, spawn)),
  )
  const sessions = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))
  const failed = opened.find((o) => o.status === 'rejected')
  if (failed) {
    await Promise.all(sessions.map((s) => s.dispose()))
    throw failed.reason
  }
  const pixels = inputSize * inputSize
  const run: RunFaces = async (x, n) => {
    const parts = await Promise.all(
      splitBatch(n, sessions.length).map(async ([start, end], k) => {
        const faces = {
          data: x.slice(start * pixels, end * pixels),
          dims: [end - start, inputSize, inputSize, 1],
        }
        const out = await sessions[k]!.run({ [INFERENCE_INPUT]: faces }, [INFERENCE_OUTPUT])
        return { start, probabilities: out[INFERENCE_OUTPUT] ?? missingOutput() }
      }),
    )
    const values = new Float32Array(n * CLASSES)
    for (const part of parts) values.set(part.probabilities, part.start * CLASSES)
    return values
  }
  const threads = sessions.reduce((a, s) => a + s.threads, 0)
  return inferenceOver(run, inputSize, threads, async () => {
    await Promise.all(sessions.map((s) => s.dispose()))
  })
}
