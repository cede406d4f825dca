/**
 * Layout helpers shared by the ONNX compilers: tfjs keeps activations NHWC and kernels
 * [kh, kw, in, out]; ONNX's Conv and pools want NCHW and [out, in, kh, kw].
 */

/** ONNX `pads` ([top, left, bottom, right]) reproducing tfjs' padding for one spatial layer. */
export function padsFor(
  padding: 'same' | 'valid',
  input: readonly [number, number],
  kernel: readonly [number, number],
  strides: readonly [number, number],
): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0]
  // TensorFlow's SAME: output = ceil(in / stride); the odd pixel of padding goes after.
  const total = (axis: 0 | 1) => {
    const out = Math.ceil(input[axis] / strides[axis])
    return Math.max((out - 1) * strides[axis] + kernel[axis] - input[axis], 0)
  }
  const h = total(0)
  const w = total(1)
  return [Math.floor(h / 2), Math.floor(w / 2), h - Math.floor(h / 2), w - Math.floor(w / 2)]
}

/** A tfjs conv kernel [kh, kw, in, out] rearranged to ONNX's [out, in, kh, kw]. */
export function kernelToOihw(values: Float32Array, shape: readonly number[]): Float32Array {
  const [kh, kw, cin, cout] = shape as [number, number, number, number]
  const out = new Float32Array(values.length)
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o]!
        }
      }
    }
  }
  return out
}

/** The inverse of kernelToOihw: ONNX [out, in, kh, kw] back to tfjs [kh, kw, in, out]. */
export function kernelFromOihw(values: Float32Array, shape: readonly number[]): Float32Array {
  const [kh, kw, cin, cout] = shape as [number, number, number, number]
  const out = new Float32Array(values.length)
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          out[((y * kw + x) * cin + i) * cout + o] = values[((o * cin + i) * kh + y) * kw + x]!
        }
      }
    }
  }
  return out
}
