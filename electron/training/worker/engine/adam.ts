export type AdamOptions = Readonly<{ beta1: number; beta2: number; epsilon: number }>

/**
 * Keras/tfjs defaults (epsilon 1e-7; PyTorch uses 1e-8, which makes no practical difference),
 * shared by the tfjs optimizer (optimizer.ts) and the ONNX graph's update (onnx/layers/).
 */
export const ADAM_DEFAULTS: AdamOptions = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
