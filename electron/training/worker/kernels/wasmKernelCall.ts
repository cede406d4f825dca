import * as tf from '../../common/tf'
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

export type TensorInfo = tf.TensorInfo

/**
 * Runs another wasm kernel from inside a kernel, the way the wasm backend composes its own
 * kernels: no tensors, no tape, just backend data. The caller frees intermediates with
 * `release`.
 */
export function callWasmKernel(
  backend: BackendWasm,
  kernelName: string,
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown> = {},
): TensorInfo {
  const kernel = tf.getKernel(kernelName, 'wasm')
  if (!kernel) throw new Error(`The wasm backend has no '${kernelName}' kernel`)
  return kernel.kernelFunc({
    inputs,
    backend,
    attrs: attrs as tf.NamedAttrMap,
  }) as TensorInfo
}

/** Frees an intermediate made by `callWasmKernel`. */
export function release(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId)
}
