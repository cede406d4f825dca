import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import * as tf from '../tf'

const MODEL_FILE = 'model.json'
const WEIGHTS_FILE = 'weights.bin'

/**
 * Writes `model` to `dir` in TF.js LayersModel format (model.json + weights.bin), the layout
 * tfjs-node's `file://` handler writes, without needing tfjs-node. Files are written under a
 * temporary name and renamed, so a crash never leaves a half-written model.json.
 */
export async function saveLayersModelToDir(model: tf.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData
        ? new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData))
        : new Uint8Array()
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      }
      await writeFile(join(dir, `${WEIGHTS_FILE}.tmp`), weights)
      await writeFile(join(dir, `${MODEL_FILE}.tmp`), JSON.stringify(json))
      await rename(join(dir, `${WEIGHTS_FILE}.tmp`), join(dir, WEIGHTS_FILE))
      await rename(join(dir, `${MODEL_FILE}.tmp`), join(dir, MODEL_FILE))
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) }
    }),
  )
}

/** Loads a folder written by `saveLayersModelToDir` (or tfjs-node) on the active backend. */
export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8')) as {
    modelTopology: object
    weightsManifest: tf.io.WeightsManifestConfig
  }
  const specs = json.weightsManifest.flatMap((group) => group.weights)
  const buffers = await Promise.all(
    json.weightsManifest.flatMap((group) => group.paths).map((p) => readFile(join(dir, p))),
  )
  const joined = Buffer.concat(buffers)
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength)
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }),
  )
}
