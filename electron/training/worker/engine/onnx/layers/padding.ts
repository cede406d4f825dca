/** Padding of one spatial axis: before, after, and the output size. */
export type AxisPadding = Readonly<{ before: number; after: number; out: number }>

/**
 * tfjs/TensorFlow padding along one axis. 'same' pads so the output is ceil(size / stride) and,
 * when the total is odd, puts the extra row or column after (bottom/right), as TensorFlow does;
 * ONNX would need explicit pads for that, which is what this returns. 'valid' pads nothing.
 */
export function axisPadding(
  size: number,
  kernel: number,
  stride: number,
  padding: 'same' | 'valid',
): AxisPadding {
  if (padding === 'valid') {
    return { before: 0, after: 0, out: Math.ceil((size - kernel + 1) / stride) }
  }
  const out = Math.ceil(size / stride)
  const total = Math.max((out - 1) * stride + kernel - size, 0)
  const before = Math.floor(total / 2)
  return { before, after: total - before, out }
}

/** Both spatial axes, with ONNX's pads attribute [top, left, bottom, right]. */
export function spatialPadding(
  hw: readonly [number, number],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  padding: 'same' | 'valid',
): Readonly<{ rows: AxisPadding; cols: AxisPadding; pads: number[] }> {
  const rows = axisPadding(hw[0], kernel[0], strides[0], padding)
  const cols = axisPadding(hw[1], kernel[1], strides[1], padding)
  return { rows, cols, pads: [rows.before, cols.before, rows.after, cols.after] }
}
