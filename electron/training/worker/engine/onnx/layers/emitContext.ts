import type { Dim, GraphBuilder } from '../onnxBuilder'
import type { WeightRef } from '../presetLayers'

/**
 * What a layer emitter writes into and reads from while the training compiler walks the layers.
 * Images are channels-first with the batch second, [C, N, H, W], inside the graph (so every
 * convolution is one GEMM over the whole batch), vectors are [N, F];
 * every weight stays in the layout tfjs stores it in, so snapshots and checkpoints are plain
 * copies and a run can move between engines.
 */
export type EmitContext = Readonly<{
  g: GraphBuilder
  /** The graph input holding a weight (declared on first use). */
  weight(ref: WeightRef): string
  /** Records the gradient of a trainable weight. */
  gradient(ref: WeightRef, value: string): void
  /** Records the new value of a BatchNorm moving statistic. */
  movingUpdate(ref: WeightRef, value: string): void
  /** Declares a dropout-mask graph input shaped like the activation and returns its name. */
  dropoutMask(layer: string, dims: readonly Dim[], rate: number): string
  /** Shared int64 constant, e.g. axes or shapes. */
  ints(values: readonly number[]): string
  /** Shared float scalar constant (shape []). */
  scalar(value: number): string
}>

/** The symbolic batch dimension of every graph input. */
export const BATCH = 'batch'

/** A layer's forward result; `backward` maps dL/dy to dL/dx (null: the input needs none). */
export type Emitted = Readonly<{
  y: string
  backward: (dy: string) => string | null
}>

/** Whether the layer's input needs a gradient (false for the first layer: the images). */
export type LayerEmitter<Spec> = (
  ctx: EmitContext,
  spec: Spec,
  x: string,
  needInputGrad: boolean,
) => Emitted

/** Makes an EmitContext's constant helpers, cached per value so the graph stays small. */
export function constantCache(g: GraphBuilder): Pick<EmitContext, 'ints' | 'scalar'> {
  const ints = new Map<string, string>()
  const scalars = new Map<number, string>()
  return {
    ints(values) {
      const key = values.join(',')
      let name = ints.get(key)
      if (!name) {
        name = g.int64('ints', values)
        ints.set(key, name)
      }
      return name
    },
    scalar(value) {
      let name = scalars.get(value)
      if (!name) {
        name = g.initializer('scalar', Float32Array.of(value), [])
        scalars.set(value, name)
      }
      return name
    },
  }
}
