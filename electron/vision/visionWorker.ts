import { parentPort } from 'node:worker_threads'

import { createDefaultBackendLoaders } from '../training/worker/backend/backendLoaders'
import { selectBackend } from '../training/worker/backend/selectBackend'
import { loadFacePredictor } from '../training/main/predictFiles'
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
    prepare: async () => {
      await selectBackend({ preference: 'auto', loaders: createDefaultBackendLoaders() })
    },
    createDetector: () => createBlazeFaceDetector(),
    loadPredictor: (dir) => loadFacePredictor(dir),
  },
)
