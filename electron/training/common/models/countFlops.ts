import type * as tf from '../tf'

type Shape = readonly (number | null)[]

/** Shape of a layer's (first) symbolic input or output; `inputShape` is unset on built layers. */
function dims(tensor: tf.SymbolicTensor | tf.SymbolicTensor[]): Shape {
  const first = Array.isArray(tensor) ? tensor[0] : tensor
  if (!first) throw new Error('countFlops needs a built model')
  return first.shape
}

function size(shape: Shape, from: number): number {
  return shape.slice(from).reduce<number>((a, d) => a * (d ?? 1), 1)
}

function kernelArea(config: tf.serialization.ConfigDict): number {
  const k = config['kernelSize'] as number | number[]
  return Array.isArray(k) ? k.reduce((a, b) => a * b, 1) : k * k
}

/**
 * Forward FLOPs for one face (2 x multiply-adds of the conv and dense layers, which dominate;
 * element-wise layers are left out as in most papers' counts), read from the built layers.
 */
export function countFlops(model: tf.LayersModel): number {
  let macs = 0
  for (const layer of model.layers) {
    const inShape = dims(layer.input)
    const outShape = dims(layer.output)
    const config = layer.getConfig()
    const cin = inShape[inShape.length - 1] ?? 1
    const outPixels = size(outShape, 1) / (outShape[outShape.length - 1] ?? 1)
    switch (layer.getClassName()) {
      case 'Conv2D':
        macs += outPixels * kernelArea(config) * cin * (config['filters'] as number)
        break
      case 'DepthwiseConv2D':
        macs += outPixels * kernelArea(config) * cin * ((config['depthMultiplier'] as number) ?? 1)
        break
      case 'SeparableConv2D': {
        const multiplier = (config['depthMultiplier'] as number) ?? 1
        macs += outPixels * kernelArea(config) * cin * multiplier
        macs += outPixels * cin * multiplier * (config['filters'] as number)
        break
      }
      case 'Dense':
        macs += size(inShape, 1) * (config['units'] as number)
        break
    }
  }
  return 2 * macs
}
