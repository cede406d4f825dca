import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import { activationBackward, activationForward } from './activation'
import type { LayerEmitter } from './emitContext'
import { spatialPadding } from './padding'

type Conv2dSpec = Extract<LayerSpec, { kind: 'conv2d' }>

/**
 * Conv2D (+ bias + activation). Forward is ONNX Conv on the kernel transposed from tfjs'
 * [kh, kw, in, out] to [out, in, kh, kw]. Backward:
 * - the kernel gradient as one GEMM per kernel tap: the padded input (channels first) shifted by
 *   the tap and strided, times the output gradient; the taps stack into [kh*kw*in, out], which
 *   is tfjs' kernel layout. Measured faster than a convolution over transposed tensors.
 * - the input gradient as ConvTranspose with the same pads and an output padding that restores
 *   the exact input size (stride 2 over an odd 'same' size).
 */
export const emitConv2d: LayerEmitter<Conv2dSpec> = (ctx, spec, x, needInputGrad) => {
  const { g } = ctx
  const [height, width, inChannels] = spec.inputShape as [number, number, number]
  const [kh, kw] = spec.kernelSize
  const [sh, sw] = spec.strides
  const outChannels = spec.filters
  const { rows, cols, pads } = spatialPadding(
    [height, width],
    spec.kernelSize,
    spec.strides,
    spec.padding,
  )
  const kernel = ctx.weight(spec.kernel)
  const onnxKernel = g.op('Transpose', [kernel], {
    attributes: { perm: attr.ints([3, 2, 0, 1]) },
    name: `${spec.name}_w`,
  })
  const convAttributes = {
    kernel_shape: attr.ints([kh, kw]),
    strides: attr.ints([sh, sw]),
    pads: attr.ints(pads),
  }
  const z = g.op('Conv', [x, onnxKernel, ...(spec.bias ? [ctx.weight(spec.bias)] : [])], {
    attributes: convAttributes,
    name: spec.name,
  })
  const y = activationForward(ctx, spec.activation, z, spec.name)

  return {
    y,
    backward(dy) {
      const dz = activationBackward(ctx, spec.activation, y, dy)
      if (spec.bias) {
        ctx.gradient(spec.bias, g.op('ReduceSum', [dz, ctx.ints([0, 2, 3])], keep(0)))
      }
      const dzByChannel = g.op('Reshape', [
        g.op('Transpose', [dz], { attributes: { perm: attr.ints([1, 0, 2, 3]) } }),
        ctx.ints([outChannels, -1]),
      ])
      let xByChannel = g.op('Transpose', [x], { attributes: { perm: attr.ints([1, 0, 2, 3]) } })
      if (pads.some((p) => p > 0)) {
        xByChannel = g.op('Pad', [
          xByChannel,
          ctx.ints([0, 0, rows.before, cols.before, 0, 0, rows.after, cols.after]),
        ])
      }
      const taps: string[] = []
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const shifted = g.op('Slice', [
            xByChannel,
            ctx.ints([i, j]),
            ctx.ints([i + sh * (rows.out - 1) + 1, j + sw * (cols.out - 1) + 1]),
            ctx.ints([2, 3]),
            ctx.ints([sh, sw]),
          ])
          const flat = g.op('Reshape', [shifted, ctx.ints([inChannels, -1])])
          taps.push(
            g.op('Gemm', [flat, dzByChannel], {
              attributes: { transB: attr.int(1) },
              name: `${spec.name}_dw`,
            }),
          )
        }
      }
      const stacked = taps.length === 1 ? taps[0]! : g.op('Concat', taps, axis(0))
      ctx.gradient(
        spec.kernel,
        g.op('Reshape', [stacked, ctx.ints([kh, kw, inChannels, outChannels])]),
      )
      if (!needInputGrad) return null
      const outputPadding = [
        height - (sh * (rows.out - 1) + kh - rows.before - rows.after),
        width - (sw * (cols.out - 1) + kw - cols.before - cols.after),
      ]
      return g.op('ConvTranspose', [dz, onnxKernel], {
        attributes: { ...convAttributes, output_padding: attr.ints(outputPadding) },
        name: `${spec.name}_dx`,
      })
    },
  }
}

function keep(keepdims: 0 | 1) {
  return { attributes: { keepdims: attr.int(keepdims) } }
}

function axis(value: number) {
  return { attributes: { axis: attr.int(value) } }
}
