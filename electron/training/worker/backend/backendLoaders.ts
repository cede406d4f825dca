import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

import * as tf from '../../common/tf'

import type { BackendName } from '../../../../shared/domain/training'
import { loadOrt } from '../engine/onnx/loadOrt'
import { registerWasmTrainingKernels } from '../kernels/registerWasmTrainingKernels'

/**
 * Makes one backend available to tfjs (imports its package, registers it) and returns the name
 * tfjs knows it by. Throws when the backend cannot load here (package missing, no GPU, ...).
 */
export type BackendLoader = () => Promise<string>

export type BackendLoaders = Readonly<Record<BackendName, BackendLoader>>

const require = createRequire(import.meta.url)

/**
 * Imports an optional package by a computed specifier, so neither TypeScript nor a bundler
 * requires it to exist: tfjs-node(-gpu) are optionalDependencies that may be absent.
 */
async function importOptional(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier)
}

/** Folder holding the wasm binaries of @tensorflow/tfjs-backend-wasm, with a trailing slash. */
export function wasmBinaryFolder(): string {
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/'
}

/**
 * The real loaders: native TensorFlow (GPU, then CPU), ONNX Runtime, XNNPACK wasm with SIMD,
 * plain JS.
 */
export function createDefaultBackendLoaders(): BackendLoaders {
  return {
    onnxruntime: async () => {
      const loaded = await loadOrt()
      if (!loaded.ok) throw new Error(loaded.reason)
      // ONNX Runtime computes; the preset's tfjs model only carries weights into checkpoints and
      // exports, which tfjs' always-present cpu backend does.
      return 'cpu'
    },
    'tensorflow-gpu': async () => {
      await importOptional('@tensorflow/tfjs-node-gpu')
      return 'tensorflow'
    },
    tensorflow: async () => {
      await importOptional('@tensorflow/tfjs-node')
      return 'tensorflow'
    },
    wasm: async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm')
      // Under Node the Emscripten glue would look for the binaries beside the bundle it was
      // loaded from; point it at the package folder explicitly so bundled builds work too.
      wasm.setWasmPaths(wasmBinaryFolder())
      registerWasmTrainingKernels()
      return 'wasm'
    },
    cpu: async () => {
      // Part of the tfjs umbrella (../tf.ts), which every tfjs import goes through.
      await Promise.resolve(tf.findBackendFactory('cpu'))
      return 'cpu'
    },
  }
}
