import type * as tf from '../../../common/tf'

import { kernelToOihw, padsFor } from './convLayout'
import { attr, createGraphBuilder, type GraphBuilder } from './onnxBuilder'
import type { Activation, LayerSpec, WeightRef } from './presetLayers'

/** Graph input: `batch` faces, NHWC [batch, size, size, 1], pixels scaled to [0, 1]. */
export const INFERENCE_INPUT = 'faces'
/** Graph output: softmax probabilities [batch, 7], FER2013 class order. */
export const INFERENCE_OUTPUT = 'probabilities'

export type InferenceGraphOptions = Readonly<{
  layers: readonly LayerSpec[]
  /** Every weight's values, in `model.weights` order (WeightRef.index points here). */
  weights: readonly Float32Array[]
  /** Side of the square grayscale input. */
  inputSize: number
  metadata?: Readonly<Record<string, string>>
}>

/** Every weight of a tfjs model, by position, as the compilers take them. */
export function weightsOf(model: tf.LayersModel): Float32Array[] {
  return model.weights.map((w) => w.read().dataSync() as Float32Array)
}

function valuesOf(weights: readonly Float32Array[], ref: WeightRef): Float32Array {
  const values = weights[ref.index]
  const size = ref.shape.reduce((a, b) => a * b, 1)
  if (!values || values.length !== size) {
    throw new Error(`Weight ${ref.index} (${ref.name}) needs ${size} values, got ${values?.length}`)
  }
  return values
}

function activate(g: GraphBuilder, x: string, activation: Activation, name: string): string {
  if (activation === 'relu') return g.op('Relu', [x], { name })
  if (activation === 'softmax') {
    return g.op('Softmax', [x], { name, attributes: { axis: attr.int(-1) } })
  }
  return x
}

/**
 * Compiles a preset (its layer specs and current weights) into an inference graph: softmax
 * probabilities in inference mode (moving BatchNorm statistics, no dropout). Activations run
 * NCHW inside the graph, the layout ORT's CPU kernels are fastest at; the one-channel input
 * becomes NCHW by a free reshape, and Flatten restores tfjs' NHWC order so Dense kernels are
 * used as stored.
 */
export function compileInferenceGraph(options: InferenceGraphOptions): Uint8Array {
  const { layers, weights, inputSize: size } = options
  const g = createGraphBuilder('fer_studio_inference')
  const input = g.input(INFERENCE_INPUT, 'float', ['batch', size, size, 1])
  let x = g.op('Reshape', [input, g.int64('nchw_shape', [-1, 1, size, size])], { name: 'nchw' })

  layers.forEach((layer, i) => {
    const last = i === layers.length - 1
    const name = layer.name
    const values = (ref: WeightRef) => valuesOf(weights, ref)
    switch (layer.kind) {
      case 'conv2d': {
        const [h, w] = layer.inputShape as [number, number, number]
        const kernel = g.initializer(
          `${name}_kernel`,
          kernelToOihw(values(layer.kernel), layer.kernel.shape),
          [layer.filters, layer.kernel.shape[2]!, ...layer.kernelSize],
        )
        const inputs = [x, kernel]
        if (layer.bias)
          inputs.push(g.initializer(`${name}_bias`, values(layer.bias), [layer.filters]))
        x = g.op('Conv', inputs, {
          name,
          attributes: {
            kernel_shape: attr.ints(layer.kernelSize),
            strides: attr.ints(layer.strides),
            pads: attr.ints(padsFor(layer.padding, [h, w], layer.kernelSize, layer.strides)),
          },
        })
        x = activate(g, x, layer.activation, `${name}_act`)
        break
      }
      case 'batchNorm': {
        const channels = layer.movingMean.shape[0]!
        const param = (ref: WeightRef | null, fill: number, suffix: string) =>
          g.initializer(
            `${name}_${suffix}`,
            ref ? values(ref) : new Float32Array(channels).fill(fill),
            [channels],
          )
        const scale = param(layer.gamma, 1, 'gamma')
        const bias = param(layer.beta, 0, 'beta')
        const mean = param(layer.movingMean, 0, 'mean')
        const variance = param(layer.movingVariance, 1, 'variance')
        x = g.op('BatchNormalization', [x, scale, bias, mean, variance], {
          name,
          attributes: { epsilon: attr.float(layer.epsilon) },
        })
        break
      }
      case 'activation':
        x = activate(g, x, layer.activation, name)
        break
      case 'maxPool': {
        const [h, w] = layer.inputShape as [number, number, number]
        x = g.op('MaxPool', [x], {
          name,
          attributes: {
            kernel_shape: attr.ints(layer.poolSize),
            strides: attr.ints(layer.strides),
            pads: attr.ints(padsFor(layer.padding, [h, w], layer.poolSize, layer.strides)),
          },
        })
        break
      }
      case 'globalAveragePool':
        x = g.op('GlobalAveragePool', [x], { name })
        x = g.op('Flatten', [x], { name: `${name}_flat` })
        break
      case 'flatten':
        // 4-D activations are NCHW here; tfjs flattens NHWC, which the next Dense expects.
        if (layer.inputShape.length === 3) {
          x = g.op('Transpose', [x], {
            name: `${name}_nhwc`,
            attributes: { perm: attr.ints([0, 2, 3, 1]) },
          })
        }
        x = g.op('Flatten', [x], { name })
        break
      case 'dropout':
        break
      case 'dense': {
        const kernel = g.initializer(`${name}_kernel`, values(layer.kernel), [
          ...layer.kernel.shape,
        ])
        const bias = layer.bias
          ? g.initializer(`${name}_bias`, values(layer.bias), [layer.units])
          : g.initializer(`${name}_bias`, new Float32Array(layer.units), [layer.units])
        x = g.op('Gemm', [x, kernel, bias], { name })
        x = activate(g, x, layer.activation, `${name}_act`)
        break
      }
    }
    if (last) x = g.op('Identity', [x], { outputs: [INFERENCE_OUTPUT] })
  })
  g.output(INFERENCE_OUTPUT, 'float', ['batch', 7])
  return g.toBytes({ ...(options.metadata ? { metadata: options.metadata } : {}) })
}
