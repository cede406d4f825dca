import * as tf from '../../common/tf'

import { BATCH_NORM_TRAIN, BATCH_NORM_TRAIN_GRAD } from '../kernels/batchNormTrain'
import { RELU_BIAS_GRAD } from '../kernels/reluBiasGrad'

type Pad = 'same' | 'valid'

export type ConvOptions = Readonly<{
  strides: [number, number]
  pad: Pad
  relu: boolean
  /** False for the first layer: nobody needs the gradient of the images. */
  inputNeedsGrad: boolean
}>

const run = (name: string, inputs: tf.NamedTensorMap, attrs: object = {}) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap)

type CustomOp = (
  inputs: tf.Tensor[],
  save: tf.GradSaveFunc,
) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] }

/** tf.customGrad with the inputs as one typed array instead of a variadic mix. */
function customOp(f: CustomOp): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc
    return f(args as tf.Tensor[], save)
  })
  return (...inputs) => op(...inputs)
}

/**
 * relu(conv2d(x, kernel) + bias) with a hand-written backward: one fused pass for the ReLU mask
 * and bias gradient, then the filter and input gradients as forward convolutions (see
 * kernels/). The forward is XNNPACK's fused convolution; tfjs would unfuse it under a tape.
 */
export function convBiasAct(
  x: tf.Tensor4D,
  kernel: tf.Variable,
  bias: tf.Variable,
  options: ConvOptions,
): tf.Tensor4D {
  const convAttrs = {
    strides: options.strides,
    pad: options.pad,
    dataFormat: 'NHWC',
    dilations: [1, 1],
  }
  const backward = (dy: tf.Tensor, input: tf.Tensor, y: tf.Tensor) => {
    const [dz, db] = run(RELU_BIAS_GRAD, { dy, y }, { relu: options.relu }) as tf.Tensor[]
    const dW = run(
      'Conv2DBackpropFilter',
      { x: input, dy: dz! },
      { ...convAttrs, filterShape: kernel.shape },
    ) as tf.Tensor
    const dx = options.inputNeedsGrad
      ? (run(
          'Conv2DBackpropInput',
          { dy: dz!, filter: kernel },
          { ...convAttrs, inputShape: input.shape },
        ) as tf.Tensor)
      : null
    return { dx, dW, db: db! }
  }
  const forward = (input: tf.Tensor4D) =>
    run(
      'FusedConv2D',
      { x: input, filter: kernel, bias },
      { ...convAttrs, activation: options.relu ? 'relu' : 'linear' },
    ) as tf.Tensor4D

  if (!options.inputNeedsGrad) {
    // The images are not an input of the op, so no gradient is computed for them.
    const op = customOp((_weights, save) => {
      const y = forward(x)
      save([y])
      return {
        value: y,
        gradFunc: (dy, saved) => {
          const g = backward(dy, x, saved[0]!)
          return [g.dW, g.db]
        },
      }
    })
    return op(kernel, bias) as tf.Tensor4D
  }
  const op = customOp(([input], save) => {
    const y = forward(input as tf.Tensor4D)
    save([input!, y])
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const g = backward(dy, saved[0]!, saved[1]!)
        return [g.dx!, g.dW, g.db]
      },
    }
  })
  return op(x, kernel, bias) as tf.Tensor4D
}

export type BatchNormOptions = Readonly<{
  epsilon: number
  momentum: number
  movingMean: tf.Variable
  movingVariance: tf.Variable
}>

/**
 * Training-mode batch normalisation (statistics of this batch) with a fused forward and
 * backward; updates the moving statistics like tfjs-layers/Keras:
 * moving = moving * momentum + batch * (1 - momentum), with the biased batch variance.
 */
export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Variable,
  beta: tf.Variable,
  options: BatchNormOptions,
): tf.Tensor {
  const { epsilon, momentum, movingMean, movingVariance } = options
  const op = customOp(([input, g, b], save) => {
    const [y, mean, variance] = run(
      BATCH_NORM_TRAIN,
      { x: input!, gamma: g!, beta: b! },
      { epsilon },
    ) as tf.Tensor[]
    movingMean.assign(tf.add(tf.mul(movingMean, momentum), tf.mul(mean!, 1 - momentum)))
    movingVariance.assign(tf.add(tf.mul(movingVariance, momentum), tf.mul(variance!, 1 - momentum)))
    save([input!, mean!, variance!, g!])
    return {
      value: y!,
      gradFunc: (dy, saved) => {
        const [savedX, savedMean, savedVar, savedGamma] = saved
        return run(
          BATCH_NORM_TRAIN_GRAD,
          { dy, x: savedX!, mean: savedMean!, variance: savedVar!, gamma: savedGamma! },
          { epsilon },
        ) as tf.Tensor[]
      },
    }
  })
  return op(x, gamma, beta)
}
