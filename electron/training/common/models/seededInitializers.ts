import * as tf from '../tf'

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>

/**
 * Hands out Glorot-uniform initializers with distinct, reproducible seeds, one per layer, so a
 * model built twice with the same seed has the same weights (tfjs' default is unseeded).
 */
export function createSeededInitializers(seed: number): () => Initializer {
  let next = seed * 1000
  return () => tf.initializers.glorotUniform({ seed: next++ })
}
