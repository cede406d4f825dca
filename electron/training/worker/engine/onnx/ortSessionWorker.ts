import { parentPort } from 'node:worker_threads'

import { float32Transfers, serveThread, type ThreadHandlers } from '../threadServer'

import { createOrtSession, type OrtModule, type OrtSession } from './loadOrt'
import type { SessionThreadRequests } from './sessionThreadProtocol'

/**
 * Entry of one ONNX Runtime session thread: it holds a session (the inference graph, for its
 * share of each chunk of faces) and runs it on the feeds it is sent. onnxruntime-node's `run` computes on the calling thread,
 * so sessions in one thread never overlap; one per thread does.
 */
const port = parentPort
if (!port) throw new Error('ortSessionWorker must run in a worker thread')

let opened: { ort: OrtModule; session: OrtSession } | null = null

function need() {
  if (!opened) throw new Error('Session thread used before open')
  return opened
}

const handlers: ThreadHandlers<SessionThreadRequests> = {
  async open({ model, options }) {
    const created = await createOrtSession(model, options)
    if (!created.ok) throw new Error(created.reason)
    opened = { ort: created.ort, session: created.session }
    return { threads: created.threads }
  },
  async run({ feeds, fetches }) {
    const { ort, session } = need()
    const tensors = Object.fromEntries(
      Object.entries(feeds).map(([name, t]) => [
        name,
        new ort.Tensor('float32', t.data, [...t.dims]),
      ]),
    )
    const out = await session.run(tensors)
    return Object.fromEntries(fetches.map((name) => [name, out[name]!.data as Float32Array]))
  },
  endProfiling() {
    need().session.endProfiling()
    return Promise.resolve(null)
  },
  async release() {
    await opened?.session.release()
    opened = null
    return null
  },
}

// Output arrays are moved to the engine, not copied.
serveThread(port, handlers, float32Transfers)
