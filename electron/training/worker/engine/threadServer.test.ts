import { MessageChannel, type MessagePort } from 'node:worker_threads'

import { describe, expect, it } from 'vitest'

import type { ThreadReply } from './threadRpc'
import { float32Transfers, serveThread } from './threadServer'

type TestRequests = {
  slow: { input: number; output: number }
  fast: { input: number; output: number }
  fail: { input: string; output: null }
  floats: { input: number; output: { whole: Float32Array; view: Float32Array } }
}

/** Posts requests to a served port and collects its replies in arrival order. */
function client(port: MessagePort) {
  const replies: ThreadReply[] = []
  port.on('message', (reply: ThreadReply) => replies.push(reply))
  let id = 0
  return {
    replies,
    post: (method: keyof TestRequests, input: unknown) =>
      port.postMessage({ id: ++id, method, input }),
    until: async (count: number) => {
      while (replies.length < count) await new Promise((resolve) => setTimeout(resolve, 5))
      port.close()
    },
  }
}

describe('serveThread', () => {
  it('answers strictly in order, even when a later request would finish first', async () => {
    const { port1, port2 } = new MessageChannel()
    serveThread<TestRequests>(port1, {
      slow: (n) => new Promise((resolve) => setTimeout(() => resolve(n * 10), 40)),
      fast: (n) => Promise.resolve(n + 1),
      fail: () => Promise.resolve(null),
      floats: () => Promise.resolve({ whole: new Float32Array(1), view: new Float32Array(1) }),
    })
    const c = client(port2)
    c.post('slow', 1)
    c.post('fast', 1)
    await c.until(2)
    expect(c.replies).toEqual([
      { id: 1, ok: true, value: 10 },
      { id: 2, ok: true, value: 2 },
    ])
    port1.close()
  })

  it('returns a thrown error as data and goes on serving', async () => {
    const { port1, port2 } = new MessageChannel()
    serveThread<TestRequests>(port1, {
      slow: (n) => Promise.resolve(n),
      fast: (n) => Promise.resolve(n + 1),
      fail: (why) => Promise.reject(new Error(why)),
      floats: () => Promise.resolve({ whole: new Float32Array(1), view: new Float32Array(1) }),
    })
    const c = client(port2)
    c.post('fail', 'no weights')
    c.post('fast', 4)
    await c.until(2)
    expect(c.replies).toEqual([
      { id: 1, ok: false, error: 'no weights' },
      { id: 2, ok: true, value: 5 },
    ])
    port1.close()
  })

  it('moves arrays that own their buffer and copies views into a larger one', async () => {
    const { port1, port2 } = new MessageChannel()
    const whole = new Float32Array([1, 2, 3])
    const shared = new Float32Array([4, 5, 6, 7])
    const view = shared.subarray(1, 3)
    serveThread<TestRequests>(
      port1,
      {
        slow: (n) => Promise.resolve(n),
        fast: (n) => Promise.resolve(n),
        fail: () => Promise.resolve(null),
        floats: () => Promise.resolve({ whole, view }),
      },
      float32Transfers,
    )
    const c = client(port2)
    c.post('floats', 0)
    await c.until(1)
    const reply = c.replies[0]!
    expect(reply.ok && reply.value).toEqual({
      whole: new Float32Array([1, 2, 3]),
      view: new Float32Array([5, 6]),
    })
    expect(whole.byteLength).toBe(0) // moved: detached here
    expect(shared).toEqual(new Float32Array([4, 5, 6, 7])) // copied: still usable
    port1.close()
  })
})

describe('float32Transfers', () => {
  it('takes a lone array, the arrays among an object’s fields, and nothing else', () => {
    const a = new Float32Array(2)
    const b = new Float32Array(3)
    expect(float32Transfers(a)).toEqual([a.buffer])
    expect(float32Transfers({ a, b, n: 1, s: 'x' })).toEqual([a.buffer, b.buffer])
    expect(float32Transfers({ a, again: a })).toEqual([a.buffer])
    expect(float32Transfers(null)).toEqual([])
    expect(float32Transfers(3)).toEqual([])
  })
})
