import { attr } from '../onnxBuilder'
import type { LayerSpec } from '../presetLayers'

import { activationBackward, activationForward } from './activation'
import type { EmitContext, LayerEmitter } from './emitContext'
import { spatialPadding } from './padding'

type Conv2dSpec = Extract<LayerSpec, { kind: 'conv2d' }>

/**
 * Output positions per face from which a stride-1 convolution runs forward as ORT's Conv and
 * takes its kernel gradient tap by tap (directConv) instead of through batch-wide columns
 * (columnsConv): at 12x12 and more the columns are large (9-25x the input), and ORT's per-image
 * columns stay in cache; at 6x6 and 3x3 one GEMM over the batch is better than per-image ones.
 * Measured with bench:train's engine under load: seed-cnn ~6% faster, fast-cnn ~2%.
 */
const DIRECT_MIN_POSITIONS = 144

const transA = { attributes: { transA: attr.int(1) } }
const transB = { attributes: { transB: attr.int(1) } }

/**
 * im2col over the whole batch of a channels-first activation [C, N, H, W]: one strided slice
 * of the padded input per kernel tap, stacked into [kh*kw*C, N*Ho*Wo] with rows in (tap,
 * channel) order, which is tfjs' kernel layout [kh, kw, in, out] read as [kh*kw*in, out].
 */
function im2col(
  ctx: EmitContext,
  x: string,
  channels: number,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly number[],
  out: readonly [number, number],
  name: string,
): string {
  const { g } = ctx
  const [kh, kw] = kernel
  const [sh, sw] = strides
  const padded = pads.some((p) => p > 0)
    ? g.op('Pad', [x, ctx.ints([0, 0, pads[0]!, pads[1]!, 0, 0, pads[2]!, pads[3]!])], { name })
    : x
  const taps: string[] = []
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      taps.push(
        g.op(
          'Slice',
          [
            padded,
            ctx.ints([i, j]),
            ctx.ints([i + sh * (out[0] - 1) + 1, j + sw * (out[1] - 1) + 1]),
            ctx.ints([2, 3]),
            ctx.ints([sh, sw]),
          ],
          { name },
        ),
      )
    }
  }
  const stacked =
    taps.length === 1 ? taps[0]! : g.op('Concat', taps, { attributes: { axis: attr.int(0) }, name })
  return g.op('Reshape', [stacked, ctx.ints([kh * kw * channels, -1])])
}

/**
 * Conv2D (+ bias + activation) on channels-first activations [C, N, H, W]. With the batch
 * inside the columns, each convolution is ONE large GEMM over the batch (ORT's Conv loops over
 * images, which at 6x6 or 3x3 multiplies tiny matrices), and the weights stay in tfjs' layout:
 * - forward: z = Kᵀ · im2col(x) (+ b), K read as [kh*kw*in, out];
 * - kernel gradient: im2col(x) · dzᵀ, the forward's columns reused, already [kh*kw*in, out];
 * - input gradient: ORT's Conv of dz with the flipped kernel (stride 1, convInputGrad) or
 *   ConvTranspose (other strides), in NCHW with a transpose on each side.
 */
export const emitConv2d: LayerEmitter<Conv2dSpec> = (ctx, spec, x, needInputGrad) => {
  const { g } = ctx
  const { inChannels, kh, kw, rows, cols } = convGeometry(spec)
  const outChannels = spec.filters
  const kernel = ctx.weight(spec.kernel)
  const bias = spec.bias ? ctx.weight(spec.bias) : null
  const direct =
    spec.strides[0] === 1 && spec.strides[1] === 1 && rows.out * cols.out >= DIRECT_MIN_POSITIONS
  const { z2d, kernelGradient } = direct
    ? directConv(ctx, spec, x, kernel, bias)
    : columnsConv(ctx, spec, x, kernel, bias)
  const y2d = activationForward(ctx, spec.activation, z2d, spec.name)
  const y = g.op('Reshape', [y2d, ctx.ints([outChannels, -1, rows.out, cols.out])])

  return {
    y,
    backward(dy) {
      const dy2d = g.op('Reshape', [dy, ctx.ints([outChannels, -1])])
      const dz2d = activationBackward(ctx, spec.activation, y2d, dy2d)
      if (spec.bias) {
        ctx.gradient(
          spec.bias,
          g.op('ReduceSum', [dz2d, ctx.ints([1])], { attributes: { keepdims: attr.int(0) } }),
        )
      }
      ctx.gradient(
        spec.kernel,
        g.op('Reshape', [kernelGradient(dz2d), ctx.ints([kh, kw, inChannels, outChannels])]),
      )
      if (!needInputGrad) return null
      const dz = g.op('Reshape', [dz2d, ctx.ints([outChannels, -1, rows.out, cols.out])])
      if (spec.strides[0] !== 1 || spec.strides[1] !== 1) {
        return convTransposeInputGrad(ctx, spec, dz, kernel)
      }
      return convInputGrad(ctx, spec, dz, kernel)
    },
  }
}

/** Input gradient of a strided convolution: ONNX ConvTranspose in NCHW, transposed around. */
function convTransposeInputGrad(
  ctx: EmitContext,
  spec: Conv2dSpec,
  dz: string,
  kernel: string,
): string {
  const { g } = ctx
  const [height, width] = spec.inputShape as [number, number, number]
  const [kh, kw] = spec.kernelSize
  const [sh, sw] = spec.strides
  const { rows, cols, pads } = spatialPadding(
    [height, width],
    spec.kernelSize,
    spec.strides,
    spec.padding,
  )
  const swap = { attributes: { perm: attr.ints([1, 0, 2, 3]) } }
  const onnxKernel = g.op('Transpose', [kernel], { attributes: { perm: attr.ints([3, 2, 0, 1]) } })
  const dx = g.op('ConvTranspose', [g.op('Transpose', [dz], swap), onnxKernel], {
    attributes: {
      kernel_shape: attr.ints([kh, kw]),
      strides: attr.ints([sh, sw]),
      pads: attr.ints(pads),
      // Restores the exact input size when the stride does not divide it.
      output_padding: attr.ints([
        height - (sh * (rows.out - 1) + kh - rows.before - rows.after),
        width - (sw * (cols.out - 1) + kw - cols.before - cols.after),
      ]),
    },
    name: `${spec.name}_dx`,
  })
  return g.op('Transpose', [dx], swap)
}

/**
 * Input gradient of a stride-1 convolution: dx[h] = sum_i dz[h + top - i] K[i], i.e. ORT's own
 * Conv (NCHW) of dz, padded by (kh-1-top) before and (H - Ho + top) after, with the kernel
 * flipped and its channels swapped. ORT's Conv builds its columns per image in cache; measured
 * 2-3x faster here than batch-wide columns of dz plus one GEMM (whose columns are 9x the
 * activation in memory), and faster than ConvTranspose.
 */
function convInputGrad(ctx: EmitContext, spec: Conv2dSpec, dz: string, kernel: string): string {
  const { g } = ctx
  const [height, width] = spec.inputShape as [number, number, number]
  const [kh, kw] = spec.kernelSize
  const { rows, cols } = spatialPadding(
    [height, width],
    spec.kernelSize,
    spec.strides,
    spec.padding,
  )
  const swap = { attributes: { perm: attr.ints([1, 0, 2, 3]) } }
  const flipped = g.op('Slice', [
    kernel,
    ctx.ints([-1, -1]),
    ctx.ints([-(2 ** 31), -(2 ** 31)]),
    ctx.ints([0, 1]),
    ctx.ints([-1, -1]),
  ])
  const weights = g.op('Transpose', [flipped], { attributes: { perm: attr.ints([2, 3, 0, 1]) } })
  const dx = g.op('Conv', [g.op('Transpose', [dz], swap), weights], {
    attributes: {
      kernel_shape: attr.ints([kh, kw]),
      pads: attr.ints([
        kh - 1 - rows.before,
        kw - 1 - cols.before,
        height - rows.out + rows.before,
        width - cols.out + cols.before,
      ]),
    },
    name: `${spec.name}_dxconv`,
  })
  return g.op('Transpose', [dx], swap)
}

type ConvParts = Readonly<{
  /** Pre-activation output as [out, N*Ho*Wo]. */
  z2d: string
  /** dL/dK as [kh*kw*in, out] (tfjs' layout) from dL/dz as [out, N*Ho*Wo]. */
  kernelGradient: (dz2d: string) => string
}>

/** The layer's input size, kernel size and padded output geometry, as every path needs them. */
function convGeometry(spec: Conv2dSpec) {
  const [height, width, inChannels] = spec.inputShape as [number, number, number]
  const [kh, kw] = spec.kernelSize
  const padding = spatialPadding([height, width], spec.kernelSize, spec.strides, spec.padding)
  return { height, width, inChannels, kh, kw, ...padding }
}

/** Forward as one GEMM over batch-wide columns, which the kernel gradient reuses. */
function columnsConv(
  ctx: EmitContext,
  spec: Conv2dSpec,
  x: string,
  kernel: string,
  bias: string | null,
): ConvParts {
  const { g } = ctx
  const { inChannels, kh, kw, rows, cols, pads } = convGeometry(spec)
  const kernel2d = g.op('Reshape', [kernel, ctx.ints([kh * kw * inChannels, spec.filters])])
  const columns = im2col(
    ctx,
    x,
    inChannels,
    spec.kernelSize,
    spec.strides,
    pads,
    [rows.out, cols.out],
    `${spec.name}_cols`,
  )
  const bias2d = bias ? g.op('Reshape', [bias, ctx.ints([spec.filters, 1])]) : null
  const z2d = g.op('Gemm', bias2d ? [kernel2d, columns, bias2d] : [kernel2d, columns], {
    ...transA,
    name: spec.name,
  })
  return {
    z2d,
    kernelGradient: (dz2d) => g.op('Gemm', [columns, dz2d], { ...transB, name: `${spec.name}_dw` }),
  }
}

/**
 * Forward as ORT's Conv (NCHW, columns per image in cache); the kernel gradient as one GEMM per
 * tap between the shifted input and dz, stacked: no batch-wide columns at all.
 */
function directConv(
  ctx: EmitContext,
  spec: Conv2dSpec,
  x: string,
  kernel: string,
  bias: string | null,
): ConvParts {
  const { g } = ctx
  const { inChannels, kh, kw, rows, cols, pads } = convGeometry(spec)
  const swap = { attributes: { perm: attr.ints([1, 0, 2, 3]) } }
  const onnxKernel = g.op('Transpose', [kernel], { attributes: { perm: attr.ints([3, 2, 0, 1]) } })
  const zN = g.op('Conv', [g.op('Transpose', [x], swap), onnxKernel, ...(bias ? [bias] : [])], {
    attributes: { kernel_shape: attr.ints([kh, kw]), pads: attr.ints(pads) },
    name: spec.name,
  })
  const z2d = g.op('Reshape', [g.op('Transpose', [zN], swap), ctx.ints([spec.filters, -1])])
  return {
    z2d,
    kernelGradient(dz2d) {
      const padded = pads.some((p) => p > 0)
        ? g.op('Pad', [x, ctx.ints([0, 0, pads[0]!, pads[1]!, 0, 0, pads[2]!, pads[3]!])], {
            name: `${spec.name}_pad`,
          })
        : x
      const taps: string[] = []
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const shifted = g.op(
            'Slice',
            [padded, ctx.ints([i, j]), ctx.ints([i + rows.out, j + cols.out]), ctx.ints([2, 3])],
            { name: `${spec.name}_tap` },
          )
          const flat = g.op('Reshape', [shifted, ctx.ints([inChannels, -1])])
          taps.push(g.op('Gemm', [flat, dz2d], { ...transB, name: `${spec.name}_dw` }))
        }
      }
      return taps.length === 1
        ? taps[0]!
        : g.op('Concat', taps, { attributes: { axis: attr.int(0) } })
    },
  }
}
