import { parentPort } from 'node:worker_threads'

import { createDefaultBackendLoaders } from '../training/worker/backend/backendLoaders'
import { loadFacePredictor } from '../training/main/predictFiles'
import { useDetectorBackend } from './detectorBackend'
import { createBlazeFaceDetector } from './faceDetector'
import type { FromVision, ToVision } from './visionProtocol'
import { serveVision } from './visionServer'

/** Entry of the vision worker thread (visionClient.ts starts it). */
if (!parentPort) throw new Error('visionWorker.ts must run in a worker thread')
const port = parentPort
serveVision(
  {
    post: (message: FromVision) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (message: ToVision) => listener(message)),
    exit: () => process.exit(0),
  },
  {
    // The expression model on ONNX Runtime where it loads (else tfjs); BlazeFace on tfjs wasm.
    prepare: async () => {
      await useDetectorBackend(createDefaultBackendLoaders())
    },
    createDetector: () => createBlazeFaceDetector(),
    loadPredictor: (dir) => loadFacePredictor(dir, { onnx: true }),
  },
)
