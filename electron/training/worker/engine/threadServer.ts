import type { MessagePort } from 'node:worker_threads'

import type { ThreadMessage, ThreadReply, ThreadRequests } from './threadRpc'

/** The thread side of `ThreadRequests`: one async handler per method. */
export type ThreadHandlers<R extends ThreadRequests> = {
  [M in keyof R]: (input: R[M]['input']) => Promise<R[M]['output']>
}

/** The buffers of a reply's value that may be moved to the caller instead of copied. */
export type ReplyTransfers = (value: unknown) => ArrayBuffer[]

/**
 * Serves the requests `port` receives, strictly one at a time and in order (a caller may post
 * the next request without waiting), each answered by id with its value or, when its handler
 * throws, its error message: failures cross the thread boundary as data, never as a crash.
 * A reply whose buffers cannot be moved (owned by a native runtime) is copied instead.
 */
export function serveThread<R extends ThreadRequests>(
  port: MessagePort,
  handlers: ThreadHandlers<R>,
  transfers: ReplyTransfers = () => [],
): void {
  let queue: Promise<void> = Promise.resolve()
  port.on('message', (message: ThreadMessage<R>) => {
    queue = queue.then(async () => {
      let reply: ThreadReply
      try {
        const handler = handlers[message.method] as (input: unknown) => Promise<unknown>
        reply = { id: message.id, ok: true, value: await handler(message.input) }
      } catch (err) {
        reply = { id: message.id, ok: false, error: errorText(err) }
      }
      try {
        port.postMessage(reply, reply.ok ? transfers(reply.value) : [])
      } catch {
        port.postMessage(reply)
      }
    })
  })
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * The Float32Arrays of a reply (the value itself or its fields) that own their whole buffer:
 * a view into a larger buffer is copied, since moving it would take the rest along.
 */
export function float32Transfers(value: unknown): ArrayBuffer[] {
  const candidates =
    value instanceof Float32Array
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value)
        : []
  const buffers = new Set<ArrayBuffer>()
  for (const v of candidates) {
    if (v instanceof Float32Array && v.byteLength === v.buffer.byteLength) {
      buffers.add(v.buffer as ArrayBuffer)
    }
  }
  return [...buffers]
}
