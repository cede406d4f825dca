import { Worker } from 'node:worker_threads'

import { describe, expect, it } from 'vitest'

import { connectThread } from './threadRpc'

type EchoRequests = {
  double: { input: number; output: number }
  fail: { input: string; output: null }
  exit: { input: null; output: null }
}

/** A thread answering in order: doubles numbers, fails on request, exits on request. */
const ECHO_THREAD = `
const { parentPort } = require('node:worker_threads')
parentPort.on('message', ({ id, method, input }) => {
  if (method === 'double') parentPort.postMessage({ id, ok: true, value: input * 2 })
  else if (method === 'fail') parentPort.postMessage({ id, ok: false, error: input })
  else process.exit(3)
})
`

const startEcho = () => connectThread<EchoRequests>(new Worker(ECHO_THREAD, { eval: true }), 'Echo')

describe('connectThread', () => {
  it('answers each request by its id, in flight together', async () => {
    const echo = startEcho()
    await expect(Promise.all([1, 2, 3].map((n) => echo.call('double', n)))).resolves.toEqual([
      2, 4, 6,
    ])
    await echo.terminate()
  })

  it("rejects with the thread's own error, named by the label, and keeps serving", async () => {
    const echo = startEcho()
    await expect(echo.call('fail', 'no weights')).rejects.toThrow('Echo failed: no weights')
    await expect(echo.call('double', 5)).resolves.toBe(10)
    await echo.terminate()
  })

  it('fails the pending request and every later one once the thread exits', async () => {
    const echo = startEcho()
    await expect(echo.call('exit', null)).rejects.toThrow('Echo exited with code 3')
    await expect(echo.call('double', 1)).rejects.toThrow('Echo exited with code 3')
    await echo.terminate()
  })
})
