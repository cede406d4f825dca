import { Worker } from 'node:worker_threads'

import type { TestTimeAugmentation } from '../../shared/domain/training'
import { StudioFailure } from '../../shared/transport/envelope'
import type { Detection } from './faceDetector'
import type { FromVision, ToVision, VisionResult } from './visionProtocol'

export type VisionClient = Readonly<{
  /**
   * Detects and predicts every face in an image file's bytes with the model in `modelDir`; with
   * `known` faces, predicts those boxes and skips detection.
   */
  predictPhoto(
    modelDir: string,
    image: Uint8Array,
    known?: readonly Detection[] | null,
    /** Test-time augmentation of each face (default 'none'). */
    tta?: TestTimeAugmentation,
  ): Promise<VisionResult>
  /** Stops the worker; pending requests fail with CANCELLED. */
  close(): Promise<void>
}>

export type VisionClientOptions = Readonly<{
  /** The worker entry; default visionWorker.ts beside this file, run through tsx. */
  entry?: URL
  /** Module that registers a TypeScript loader and imports the entry; null = none (built app). */
  bootstrap?: URL | null
  log?: (message: string) => void
}>

const DEFAULT_ENTRY = new URL('./visionWorker.ts', import.meta.url)
const DEFAULT_BOOTSTRAP = new URL(
  '../training/main/workerThreadHost.bootstrap.mjs',
  import.meta.url,
)

type Pending = { resolve: (result: VisionResult) => void; reject: (err: Error) => void }

/**
 * Main's side of the vision worker: starts the thread on the first request, matches replies to
 * requests by seq, and if the thread dies fails what was pending (INTERNAL) and starts a fresh
 * one on the next request.
 */
export function createVisionClient(options: VisionClientOptions = {}): VisionClient {
  const entry = options.entry ?? DEFAULT_ENTRY
  const bootstrap = options.bootstrap === undefined ? DEFAULT_BOOTSTRAP : options.bootstrap
  let worker: Worker | null = null
  let seq = 0
  const pending = new Map<number, Pending>()

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err)
    pending.clear()
  }

  const start = (): Worker => {
    const started = new Worker(bootstrap ?? entry, { workerData: { entry: entry.href } })
    let lastError: Error | null = null
    started.on('message', (message: FromVision) => {
      switch (message.type) {
        case 'predicted':
          pending.get(message.requestSeq)?.resolve(message.result)
          pending.delete(message.requestSeq)
          return
        case 'failed': {
          const { code, message: text, details } = message.error
          pending.get(message.requestSeq)?.reject(new StudioFailure(code, text, details))
          pending.delete(message.requestSeq)
          return
        }
        case 'log':
          options.log?.(`[vision] ${message.message}`)
          return
        case 'ready':
          return
      }
    })
    started.on('error', (err) => {
      lastError = err
    })
    started.on('exit', (code) => {
      if (worker === started) worker = null
      const why = lastError?.message ?? `exit code ${code}`
      failAll(new StudioFailure('INTERNAL', `The vision worker stopped (${why})`))
    })
    return started
  }

  const send = (message: ToVision) => {
    worker ??= start()
    worker.postMessage(message)
  }

  return {
    predictPhoto(modelDir, image, known = null, tta = 'none') {
      const requestSeq = ++seq
      return new Promise<VisionResult>((resolve, reject) => {
        pending.set(requestSeq, { resolve, reject })
        send({ type: 'predictPhoto', seq: requestSeq, modelDir, image, known, tta })
      })
    },
    async close() {
      const current = worker
      worker = null
      failAll(new StudioFailure('CANCELLED', 'The studio is closing'))
      if (current) await current.terminate()
    },
  }
}
