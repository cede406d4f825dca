import type { BackendLoaders } from '../training/worker/backend/backendLoaders'
import * as tf from '../training/common/tf'

/**
 * BlazeFace runs on tfjs whatever computes the expression model: where tfjs is on its plain
 * JavaScript backend (the default, and what it stays on when ONNX Runtime is the chosen
 * backend), the detector moves it to wasm (XNNPACK), several times faster. Keeps the current
 * backend when wasm cannot load. Returns the backend the detector will run on.
 */
export async function useDetectorBackend(loaders: Pick<BackendLoaders, 'wasm'>): Promise<string> {
  await tf.ready()
  if (tf.getBackend() !== 'cpu') return tf.getBackend()
  try {
    const name = await loaders.wasm()
    if (await tf.setBackend(name)) await tf.ready()
  } catch {
    // wasm unavailable: the detector runs on cpu, slower but the same.
  }
  return tf.getBackend()
}
