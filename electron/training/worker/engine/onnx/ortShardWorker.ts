import { parentPort } from 'node:worker_threads'

import { serveThread, type ThreadHandlers } from '../threadServer'

import { createOrtSession, type OrtSession } from './loadOrt'
import { shardControl } from './shardControl'
import { createShardStep } from './shardStep'
import type { ShardThreadRequests } from './shardThreadProtocol'

/**
 * Entry of one shard thread of the data-parallel ONNX Runtime step: it holds the gradient graph
 * and the update graph of the weights it owns, each a session of its own, and runs its part of
 * every step against the memory all shards share (shardStep.ts).
 */
const port = parentPort
if (!port) throw new Error('ortShardWorker must run in a worker thread')

let opened: {
  sessions: OrtSession[]
  step: ReturnType<typeof createShardStep>
} | null = null

function need() {
  if (!opened) throw new Error('Shard thread used before open')
  return opened
}

async function session(
  bytes: Uint8Array,
  options: ShardThreadRequests['open']['input']['options'],
) {
  const created = await createOrtSession(bytes, options)
  if (!created.ok) throw new Error(created.reason)
  return created
}

const handlers: ThreadHandlers<ShardThreadRequests> = {
  async open(input) {
    const gradient = await session(input.graph.bytes, input.options)
    const { profileFilePrefix: _profile, ...plain } = input.options
    const update = input.update ? await session(input.update.bytes, plain) : null
    const step = createShardStep({
      ort: gradient.ort,
      gradient: gradient.session,
      graph: input.graph,
      update: update && input.update ? { session: update.session, graph: input.update } : null,
      plan: input.plan,
      layout: input.layout,
      buffers: input.buffers,
      control: shardControl(input.buffers.control, input.layout.shards),
      inputSize: input.inputSize,
    })
    opened = { sessions: [gradient.session, ...(update ? [update.session] : [])], step }
    return { threads: gradient.threads }
  },
  step: ({ data, scalars }) => need().step.step(data, scalars),
  endProfiling() {
    need().sessions[0]!.endProfiling()
    return Promise.resolve(null)
  },
  async release() {
    await Promise.all(opened?.sessions.map((s) => s.release()) ?? [])
    opened = null
    return null
  },
}

serveThread(port, handlers)
