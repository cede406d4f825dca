import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TrainerHost } from './host'
import {
  createSequencer,
  type FromWorker,
  runFiles,
  type ToWorker,
  type Unsequenced,
} from '../common/protocol'
import { encodeSnapshot } from '../common/snapshot'
import { syntheticSnapshot, testConfig } from './trainerFixtures.testUtil'
import { createWorkerThreadHost } from './workerThreadHost'

/** A worker with a message log and a way to wait for the next message matching a test. */
function connect(host: TrainerHost) {
  const messages: FromWorker[] = []
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = []
  host.onMessage((m) => {
    messages.push(m)
    for (const w of [...waiters]) {
      if (w.test(m)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(m)
      }
    }
  })
  const stamp = createSequencer<ToWorker>()
  return {
    messages,
    send: (m: Unsequenced<ToWorker>) => host.post(stamp(m)),
    next: (test: (m: FromWorker) => boolean) =>
      new Promise<FromWorker>((resolve) => {
        const found = messages.find(test)
        if (found) resolve(found)
        else waiters.push({ test, resolve })
      }),
    exited: new Promise<{ code: number | null }>((resolve) => host.onExit(resolve)),
  }
}

let dir: string
let snapshotPath: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-worker-'))
  snapshotPath = path.join(dir, 'snapshot.bin')
  writeFileSync(
    snapshotPath,
    encodeSnapshot(syntheticSnapshot({ train: 2, validation: 1, test: 1 })),
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runDir(name: string): string {
  const d = path.join(dir, name)
  mkdirSync(d, { recursive: true })
  return d
}

describe('training worker in a worker thread', () => {
  it('trains a run and reports in protocol order, then evaluates and shuts down', async () => {
    const worker = connect(createWorkerThreadHost())
    const folder = runDir('run1')
    worker.send({
      type: 'start',
      runId: 1,
      snapshotPath,
      runDir: folder,
      config: testConfig(),
      resumeFrom: null,
      maxThreads: 1,
    })
    await worker.next((m) => m.type === 'finished' || m.type === 'failed')
    const types = worker.messages
      .filter((m) => m.type !== 'log' && m.type !== 'batchEnded')
      .map((m) => m.type)
    expect(types).toEqual([
      'ready',
      'statusChanged',
      'epochEnded',
      'epochSamples',
      'epochEnded',
      'epochSamples',
      'evaluated',
      'finished',
    ])
    const seqs = worker.messages.map((m) => m.seq)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
    expect(worker.messages.find((m) => m.type === 'statusChanged')).toMatchObject({
      status: 'running',
      backend: 'wasm',
    })
    const evaluated = worker.messages.find((m) => m.type === 'evaluated')
    expect(evaluated).toMatchObject({ requestSeq: null, split: 'validation' })
    if (evaluated?.type === 'evaluated') {
      expect(evaluated.faceIds).toHaveLength(7)
      expect(evaluated.probabilities).toBeInstanceOf(Float32Array)
    }
    expect(worker.messages.at(-1)).toMatchObject({
      type: 'finished',
      outcome: 'completed',
      epochsDone: 2,
      modelDir: runFiles(folder).model,
    })

    // The same worker evaluates the test split on request, then exits on shutdown.
    worker.send({
      type: 'evaluate',
      runId: 1,
      runDir: folder,
      snapshotPath,
      split: 'test',
      tta: 'flip',
      config: testConfig(),
      maxThreads: 1,
    })
    const reply = await worker.next((m) => m.type === 'evaluated' && m.requestSeq === 2)
    expect(reply).toMatchObject({ split: 'test', runId: 1, tta: 'flip' })
    worker.send({ type: 'shutdown' })
    expect((await worker.exited).code).toBe(0)
  })

  it('pauses within one batch, sends nothing while paused, resumes and can be cancelled', async () => {
    const worker = connect(createWorkerThreadHost())
    const config = testConfig({ epochs: 20, batchSize: 2 })
    worker.send({
      type: 'start',
      runId: 2,
      snapshotPath,
      runDir: runDir('run2'),
      config,
      resumeFrom: null,
      maxThreads: 1,
    })
    await worker.next((m) => m.type === 'batchEnded')
    worker.send({ type: 'pause', runId: 2 })
    await worker.next((m) => m.type === 'statusChanged' && m.status === 'paused')
    const countWhilePaused = worker.messages.length
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(worker.messages.length).toBe(countWhilePaused)
    worker.send({ type: 'resume', runId: 2 })
    await worker.next(
      (m) => m.type === 'statusChanged' && m.status === 'running' && m.seq > countWhilePaused,
    )
    worker.send({ type: 'cancel', runId: 2 })
    const finished = await worker.next((m) => m.type === 'finished')
    expect(finished).toMatchObject({ outcome: 'cancelled' })
    if (finished.type === 'finished') expect(finished.epochsDone).toBeLessThan(20)
    worker.send({ type: 'shutdown' })
    await worker.exited
  })

  it('reports a run that cannot start as failed, as data', async () => {
    const host = createWorkerThreadHost()
    const worker = connect(host)
    worker.send({
      type: 'start',
      runId: 3,
      snapshotPath: path.join(dir, 'missing.bin'),
      runDir: runDir('run3'),
      config: testConfig(),
      resumeFrom: null,
      maxThreads: 1,
    })
    const failed = await worker.next((m) => m.type === 'failed')
    expect(failed).toMatchObject({ runId: 3, requestSeq: null, error: { code: 'INTERNAL' } })
    if (failed.type === 'failed') expect(failed.error.message).toMatch(/missing\.bin/)
    await host.terminate()
    expect((await worker.exited).code).not.toBe(0)
  })
})
