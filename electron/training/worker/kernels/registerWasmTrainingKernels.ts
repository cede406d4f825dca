import * as tf from '../../common/tf'

import {
  BATCH_NORM_TRAIN,
  BATCH_NORM_TRAIN_GRAD,
  batchNormTrainGradWasm,
  batchNormTrainWasm,
} from './batchNormTrain'
import { conv2DBackpropFilterWasm } from './conv2DBackpropFilter'
import { createConv2DBackpropInputWasm, type KernelFunc } from './conv2DBackpropInput'
import { maxPoolGradWasm } from './maxPoolGrad'
import { RELU_BIAS_GRAD, reluBiasGradWasm } from './reluBiasGrad'

let registered = false

function replaceKernel(kernelName: string, kernelFunc: unknown, setupFunc?: tf.KernelSetupFunc) {
  if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm')
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: kernelFunc as tf.KernelFunc,
    ...(setupFunc ? { setupFunc } : {}),
  })
}

/**
 * Makes the wasm backend train CNNs correctly and fast: adds the missing Conv2DBackpropFilter,
 * replaces the slow Conv2DBackpropInput and the tie-unsafe MaxPoolGrad, and adds the fused
 * batch-norm and ReLU/bias gradient kernels the engine's training graph uses. Idempotent; call after
 * '@tensorflow/tfjs-backend-wasm' has been imported (its own kernels register on import).
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return
  const originalInput = tf.getKernel('Conv2DBackpropInput', 'wasm')
  if (!originalInput) throw new Error('Import @tensorflow/tfjs-backend-wasm before registering')
  const originalFunc = originalInput.kernelFunc as unknown as KernelFunc
  replaceKernel('Conv2DBackpropFilter', conv2DBackpropFilterWasm)
  // The original stays the fallback for strided convolutions, so its setup (binding the wasm
  // function) must still run when the backend initialises.
  replaceKernel(
    'Conv2DBackpropInput',
    createConv2DBackpropInputWasm(originalFunc),
    originalInput.setupFunc,
  )
  replaceKernel('MaxPoolGrad', maxPoolGradWasm)
  // Our own fused ops, used by the engine's training graph on wasm.
  replaceKernel(BATCH_NORM_TRAIN, batchNormTrainWasm)
  replaceKernel(BATCH_NORM_TRAIN_GRAD, batchNormTrainGradWasm)
  replaceKernel(RELU_BIAS_GRAD, reluBiasGradWasm)
  registered = true
}
