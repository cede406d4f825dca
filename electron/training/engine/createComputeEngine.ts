import { createDefaultBackendLoaders, type BackendLoaders } from '../backend/backendLoaders'
import { selectBackend } from '../backend/selectBackend'
import { getModelDefinition } from '../models/registry'

import { createLocalEngine } from './localEngine'
import type { ComputeEngine, CreateEngineOptions } from './types'

export type ComputeEngineDeps = Readonly<{
  /** How each backend is loaded; tests inject failing or fake loaders. */
  loaders?: BackendLoaders
}>

/**
 * Builds the engine the training loop talks to: picks the backend (`options.backend`, or the
 * fastest that loads), builds the preset's model with seeded weights, and returns the engine.
 */
export async function createComputeEngine(
  options: CreateEngineOptions,
  deps: ComputeEngineDeps = {},
): Promise<ComputeEngine> {
  const definition = getModelDefinition(options.model)
  const backend = await selectBackend({
    preference: options.backend,
    loaders: deps.loaders ?? createDefaultBackendLoaders(),
  })
  return createLocalEngine({ definition, backend, seed: options.seed })
}
