/**
 * 65,536 standard-normal quantiles, so Gaussian noise costs one table read per pixel (two per
 * 32-bit random number) instead of a logarithm, a square root and a cosine. Augmentation adds
 * noise to every pixel of every face of every batch; Box-Muller there was the single largest cost.
 * The distribution is the normal one discretised to 2^16 levels and truncated near +-4.3 sigma,
 * which is invisible in 8-bit faces.
 */
export const GAUSSIAN_TABLE_BITS = 16

let table: Float32Array | null = null

/** The quantile table, built on first use (about a millisecond). */
export function gaussianTable(): Float32Array {
  if (table === null) {
    const count = 1 << GAUSSIAN_TABLE_BITS
    table = new Float32Array(count)
    for (let i = 0; i < count; i++) table[i] = inverseNormalCdf((i + 0.5) / count)
  }
  return table
}

// Acklam's rational approximation of the normal quantile function (relative error < 1.2e-9).
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
]
const B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
]
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
]
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]

/** The z such that P(Z < z) = p for a standard normal Z, for p in (0, 1). */
export function inverseNormalCdf(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number]
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number]
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number]
  const [d0, d1, d2, d3] = D as [number, number, number, number]
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    )
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    )
  }
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  )
}
