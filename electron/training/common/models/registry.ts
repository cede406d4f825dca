import type * as tf from '../tf'

import type { ModelPreset } from '../../../../shared/domain/training'

import { countFlops } from './countFlops'
import { fastCnn } from './fastCnn'
import type { ModelDefinition, PresetDefinition } from './modelDefinition'
import { seedCnn } from './seedCnn'
import { tinyCnn } from './tinyCnn'

/** Every preset, default first. Adding an architecture = one file + one line here. */
export const MODEL_DEFINITIONS: readonly PresetDefinition[] = [fastCnn, seedCnn, tinyCnn]

export const DEFAULT_MODEL = fastCnn.name

/**
 * The definition named `name`, built for `inputSize` pixels (a run's crop) or its own 48 when
 * null or absent; throws an Error listing the known names otherwise.
 */
export function getModelDefinition(
  name: string,
  inputSize: number | null = null,
): PresetDefinition {
  const found = MODEL_DEFINITIONS.find((d) => d.name === name)
  if (!found) {
    const known = MODEL_DEFINITIONS.map((d) => d.name).join(', ')
    throw new Error(`Unknown model '${name}' (known: ${known})`)
  }
  return inputSize === null || inputSize === found.inputSize
    ? found
    : found.withInputSize(inputSize)
}

/** Counts and FLOPs of a built model, as shown in pickers and `fer-studio models`. */
export function describeModel(definition: ModelDefinition, model: tf.LayersModel): ModelPreset {
  const count = (weights: tf.LayerVariable[]) => weights.reduce((sum, w) => sum + w.read().size, 0)
  return {
    name: definition.name,
    description: definition.description,
    params: count(model.weights),
    trainableParams: count(model.trainableWeights),
    flops: countFlops(model),
    inputSize: definition.inputSize,
  }
}

const presetCache = new Map<string, ModelPreset>()

/**
 * All presets with their counts. Builds each model once (on the active tfjs backend) and caches
 * the numbers, since they depend only on the architecture.
 */
export function listModelPresets(): ModelPreset[] {
  return MODEL_DEFINITIONS.map((definition) => {
    const cached = presetCache.get(definition.name)
    if (cached) return cached
    const model = definition.build(0)
    const preset = describeModel(definition, model)
    model.dispose()
    presetCache.set(definition.name, preset)
    return preset
  })
}
