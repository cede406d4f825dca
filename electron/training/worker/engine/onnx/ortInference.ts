import { INFERENCE_INPUT, INFERENCE_OUTPUT } from './compileInference'
import { createOrtSession, type SessionOptions } from './loadOrt'

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
  const pixels = inputSize * inputSize

  const predict = async (x: Float32Array, count: number) => {
    if (x.length < count * pixels) {
      throw new Error(`Batch holds ${x.length} floats, expected ${count} faces x ${pixels} pixels`)
    }
    const out = new Float32Array(count * CLASSES)
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start)
      const faces = new ort.Tensor('float32', x.slice(start * pixels, (start + n) * pixels), [
        n,
        inputSize,
        inputSize,
        1,
      ])
      const result = await session.run({ [INFERENCE_INPUT]: faces })
      const probs = result[INFERENCE_OUTPUT]
      if (!probs) throw new Error(`The inference graph has no '${INFERENCE_OUTPUT}' output`)
      out.set(probs.data as Float32Array, start * CLASSES)
      faces.dispose()
      probs.dispose()
    }
    return out
  }

  return {
    ok: true,
    inference: {
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
      dispose: () => session.release(),
    },
  }
}
