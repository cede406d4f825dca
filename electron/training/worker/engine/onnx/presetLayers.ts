import type * as tf from '../../../common/tf'

/**
 * A preset's tfjs layer stack read into plain layer specs: the one description of the
 * architecture that the ONNX inference and training compilers both walk. The presets themselves
 * stay tfjs layer stacks (models/), so the model is defined once.
 */

/** One weight of the model: its position in `model.weights` (snapshots are by position). */
export type WeightRef = Readonly<{
  index: number
  name: string
  shape: readonly number[]
  trainable: boolean
}>

/** Activations the presets use inside Conv2D/Dense or as their own layer. */
export type Activation = 'linear' | 'relu' | 'softmax'

/** Shapes of one face's activation, batch left out, channels last as tfjs has them. */
type Common = Readonly<{
  name: string
  inputShape: readonly number[]
  outputShape: readonly number[]
}>

export type LayerSpec = Common &
  (
    | Readonly<{
        kind: 'conv2d'
        filters: number
        kernelSize: readonly [number, number]
        strides: readonly [number, number]
        padding: 'same' | 'valid'
        activation: Activation
        /** [kh, kw, inChannels, filters] as tfjs stores it. */
        kernel: WeightRef
        bias: WeightRef | null
      }>
    | Readonly<{
        kind: 'batchNorm'
        epsilon: number
        momentum: number
        gamma: WeightRef | null
        beta: WeightRef | null
        movingMean: WeightRef
        movingVariance: WeightRef
      }>
    | Readonly<{ kind: 'activation'; activation: Activation }>
    | Readonly<{
        kind: 'maxPool'
        poolSize: readonly [number, number]
        strides: readonly [number, number]
        padding: 'same' | 'valid'
      }>
    | Readonly<{ kind: 'globalAveragePool' }>
    | Readonly<{ kind: 'flatten' }>
    | Readonly<{ kind: 'dropout'; rate: number }>
    | Readonly<{
        kind: 'dense'
        units: number
        activation: Activation
        /** [inputs, units] as tfjs stores it. */
        kernel: WeightRef
        bias: WeightRef | null
      }>
  )

export type LayerKind = LayerSpec['kind']

type Config = Record<string, unknown>

function fail(layer: string, problem: string): never {
  throw new Error(`Layer '${layer}' cannot be compiled to ONNX: ${problem}`)
}

function pair(value: unknown, layer: string, key: string): readonly [number, number] {
  const list = Array.isArray(value) ? value : [value, value]
  const [a, b] = list as unknown[]
  if (typeof a !== 'number' || typeof b !== 'number') fail(layer, `${key} is ${String(value)}`)
  return [a, b]
}

function activationOf(value: unknown, layer: string): Activation {
  if (value === undefined || value === null || value === 'linear') return 'linear'
  if (value === 'relu' || value === 'softmax') return value
  return fail(layer, `activation '${String(value)}' is not supported`)
}

function paddingOf(value: unknown, layer: string): 'same' | 'valid' {
  if (value === 'same' || value === 'valid') return value
  return fail(layer, `padding '${String(value)}' is not supported`)
}

function channelsLast(config: Config, layer: string): void {
  if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') {
    fail(layer, `dataFormat ${String(config.dataFormat)} (only channelsLast)`)
  }
}

function shapeOf(shape: unknown, layer: string): readonly number[] {
  // Sequential layers have one input and one output; the batch dimension (null) is dropped.
  if (!Array.isArray(shape) || Array.isArray(shape[0])) fail(layer, 'has several inputs/outputs')
  return (shape as (number | null)[]).slice(1).map((d) => d ?? fail(layer, 'has an unknown size'))
}

/**
 * Reads every layer of a built preset (models/registry) in order. Throws an Error naming the
 * layer when it uses something the ONNX compilers do not handle, so a new preset fails loudly.
 */
export function readPresetLayers(model: tf.LayersModel): LayerSpec[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    fail(model.name, 'the model must have one input and one output')
  }
  const positions = new Map(model.weights.map((w, i) => [w, i]))
  // A Sequential's layers are a chain: each reads what the one before it wrote.
  let previousOutput = shapeOf(model.inputs[0]?.shape, model.name)
  return model.layers.map((layer) => {
    const name = layer.name
    const config = layer.getConfig() as Config
    const weights = layer.weights.map((w): WeightRef => ({
      index: positions.get(w) ?? fail(name, `weight ${w.name} is not the model's`),
      name: w.name,
      shape: [...w.shape].map((d) => d ?? fail(name, `weight ${w.name} has an unknown size`)),
      trainable: w.trainable,
    }))
    // A model loaded beside another of the same names gets 'conv2d_1/kernel_1': tfjs makes
    // variable names unique per process, so the role is the last segment without that suffix.
    const role = (w: WeightRef) => w.name.split('/').pop()!.replace(/_\d+$/, '')
    const weight = (suffix: string) => weights.find((w) => role(w) === suffix) ?? null
    const required = (suffix: string) => weight(suffix) ?? fail(name, `has no ${suffix}`)
    const common = {
      name,
      inputShape: previousOutput,
      outputShape: shapeOf(layer.outputShape, name),
    }
    previousOutput = common.outputShape
    switch (layer.getClassName()) {
      case 'Conv2D': {
        channelsLast(config, name)
        const dilation = pair(config.dilationRate ?? 1, name, 'dilationRate')
        if (dilation[0] !== 1 || dilation[1] !== 1) fail(name, 'dilated convolution')
        return {
          ...common,
          kind: 'conv2d',
          filters: config.filters as number,
          kernelSize: pair(config.kernelSize, name, 'kernelSize'),
          strides: pair(config.strides ?? 1, name, 'strides'),
          padding: paddingOf(config.padding, name),
          activation: activationOf(config.activation, name),
          kernel: required('kernel'),
          bias: weight('bias'),
        }
      }
      case 'BatchNormalization': {
        const axis = config.axis as number
        if (axis !== -1 && axis !== common.inputShape.length) fail(name, `axis ${axis}`)
        return {
          ...common,
          kind: 'batchNorm',
          epsilon: config.epsilon as number,
          momentum: config.momentum as number,
          gamma: weight('gamma'),
          beta: weight('beta'),
          movingMean: required('moving_mean'),
          movingVariance: required('moving_variance'),
        }
      }
      case 'Activation':
        return { ...common, kind: 'activation', activation: activationOf(config.activation, name) }
      case 'ReLU':
        if (config.maxValue !== undefined && config.maxValue !== null) fail(name, 'capped ReLU')
        return { ...common, kind: 'activation', activation: 'relu' }
      case 'Softmax':
        return { ...common, kind: 'activation', activation: 'softmax' }
      case 'MaxPooling2D': {
        channelsLast(config, name)
        const poolSize = pair(config.poolSize, name, 'poolSize')
        return {
          ...common,
          kind: 'maxPool',
          poolSize,
          strides: config.strides ? pair(config.strides, name, 'strides') : poolSize,
          padding: paddingOf(config.padding, name),
        }
      }
      case 'GlobalAveragePooling2D':
        channelsLast(config, name)
        return { ...common, kind: 'globalAveragePool' }
      case 'Flatten':
        return { ...common, kind: 'flatten' }
      case 'Dropout':
        if (config.noiseShape) fail(name, 'dropout with a noise shape')
        return { ...common, kind: 'dropout', rate: config.rate as number }
      case 'Dense':
        return {
          ...common,
          kind: 'dense',
          units: config.units as number,
          activation: activationOf(config.activation, name),
          kernel: required('kernel'),
          bias: weight('bias'),
        }
      default:
        return fail(name, `layer type ${layer.getClassName()} is not supported`)
    }
  })
}
