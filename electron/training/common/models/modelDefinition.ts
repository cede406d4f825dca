import type * as tf from '../tf'

/**
 * One architecture the studio can train. Counts and FLOPs are not written here: the registry
 * derives them from the built layers, so they cannot drift from the model.
 */
export type ModelDefinition = Readonly<{
  name: string
  /** One line for pickers and `fer-studio models`. */
  description: string
  /** Side of the square grayscale input, in pixels. */
  inputSize: number
  /**
   * Builds a fresh, uncompiled model with seeded initial weights; the last layer is a 7-way
   * softmax. `seed` makes two runs with the same seed start from the same weights.
   */
  build(seed: number): tf.Sequential
}>

/** A registered preset: a definition that can be rebuilt for another input side (random crops). */
export type PresetDefinition = ModelDefinition &
  Readonly<{ withInputSize(inputSize: number): PresetDefinition }>
