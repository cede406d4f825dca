import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import * as tf from '../training/common/tf'

let registered = false

/**
 * Lets tfjs load models from `file://` URLs (model.json plus its weight files) without
 * tfjs-node, so packaged detector models load from node_modules with no network. Registered
 * once per process; other schemes are left to tfjs' own handlers.
 */
export function registerFileModelLoader(): void {
  if (registered) return
  registered = true
  // tfjs' IORouter type says IOHandler, but its registry skips routers that return null.
  tf.io.registerLoadRouter((url) => {
    const path = Array.isArray(url) ? url[0] : url
    if (typeof path !== 'string' || !path.startsWith('file://'))
      return null as unknown as tf.io.IOHandler
    const handler: tf.io.IOHandler = {
      load: async () => Promise.resolve(readModelArtifacts(fileURLToPath(path))),
    }
    return handler
  })
}

function readModelArtifacts(modelJson: string): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(modelJson, 'utf8')) as tf.io.ModelJSON
  const folder = dirname(modelJson)
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights)
  const weights = Buffer.concat(
    json.weightsManifest.flatMap((group) => group.paths).map((p) => readFileSync(join(folder, p))),
  )
  return {
    modelTopology: json.modelTopology,
    ...(json.format === undefined ? {} : { format: json.format }),
    weightSpecs,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  }
}
