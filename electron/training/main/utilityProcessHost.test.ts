import { execFileSync, fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { TrainingConfig } from '../../../shared/domain/training'
import { createServices } from '../../services/createServices'
import type { WorkerExit } from './host'
import type { FromWorker, ToWorker } from '../common/protocol'
import { createUtilityProcessHost } from './utilityProcessHost'
import type { ForkUtilityProcess, UtilityProcessLike } from './utilityProcessHost'

/**
 * Electron cannot run here, so the host is driven over a real child process with the same
 * surface as Electron's UtilityProcess (advanced serialization = structured clone, like
 * utilityProcess.postMessage, so typed arrays survive as they do in the app).
 */
function forkChildProcessWith(execArgv: string[]): ForkUtilityProcess {
  return (modulePath, args) => {
    const child = fork(modulePath, args, { serialization: 'advanced', stdio: 'inherit', execArgv })
    const adapter: UtilityProcessLike = {
      get pid() {
        return child.pid
      },
      postMessage: (message) => void child.send(message as never),
      on(event: string, listener: (...args: unknown[]) => void) {
        if (event === 'exit') child.on('exit', (code) => listener(code ?? -1))
        else if (event !== 'error') child.on(event, listener)
        return adapter
      },
      kill: () => child.kill(),
    } as UtilityProcessLike
    return adapter
  }
}
const forkChildProcess = forkChildProcessWith([])

/** What Electron gives a utility process: `process.parentPort` delivering `{ data }` events. */
const ELECTRON_PARENT_PORT = `data:text/javascript,${encodeURIComponent(
  'process.parentPort = { postMessage: (m) => process.send(m), on: (e, l) => process.on(e, (data) => l({ data })) }',
)}`

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..')
const dir = mkdtempSync(path.join(tmpdir(), 'fer-utility-host-'))
// Bundles must live inside the repository so their external packages resolve from node_modules.
mkdirSync(path.join(REPO_ROOT, 'out'), { recursive: true })
const bundleDir = mkdtempSync(path.join(REPO_ROOT, 'out', 'test-bundle-'))
const workerPath = path.join(dir, 'worker.cjs')
// A stand-in worker speaking the protocol's envelope: says ready, echoes evaluate requests with
// typed arrays, exits with code 3 on shutdown.
writeFileSync(
  workerPath,
  `let seq = 0
process.send({ type: 'ready', seq: ++seq })
process.on('message', (m) => {
  if (m.type === 'shutdown') process.exit(3)
  if (m.type === 'evaluate') process.send({ type: 'evaluated', seq: ++seq, requestSeq: m.seq, runId: m.runId,
    split: m.split, epoch: 1, faceIds: new Int32Array([5, 6]), truth: new Uint8Array([3, 4]),
    probabilities: new Float32Array(14).fill(0.5), loss: 0.25 })
})`,
)
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(bundleDir, { recursive: true, force: true })
})

function nextMessage(host: ReturnType<typeof createUtilityProcessHost>): Promise<FromWorker> {
  return new Promise((resolve) => {
    const off = host.onMessage((message) => {
      off()
      resolve(message)
    })
  })
}

describe('createUtilityProcessHost', () => {
  it('delivers messages both ways with typed arrays intact, then reports the exit once', async () => {
    const host = createUtilityProcessHost({ fork: forkChildProcess, workerPath })
    expect(await nextMessage(host)).toEqual({ type: 'ready', seq: 1 })
    const evaluate: ToWorker = {
      type: 'evaluate',
      seq: 7,
      runId: 2,
      runDir: dir,
      snapshotPath: path.join(dir, 'snapshot.bin'),
      split: 'validation',
      tta: 'none',
      config: TrainingConfig.parse({}),
      maxThreads: null,
    }
    const reply = nextMessage(host)
    host.post(evaluate)
    const evaluated = await reply
    expect(evaluated).toMatchObject({ type: 'evaluated', requestSeq: 7, runId: 2 })
    expect(evaluated.type === 'evaluated' && evaluated.faceIds).toEqual(new Int32Array([5, 6]))

    const exits: WorkerExit[] = []
    const exited = new Promise<void>((resolve) =>
      host.onExit((exit) => (exits.push(exit), resolve())),
    )
    host.post({ type: 'shutdown', seq: 8 })
    await exited
    expect(exits).toEqual([{ code: 3, error: null }])
    // Late subscribers still learn how it ended; posting to a dead worker is a no-op.
    const late = await new Promise<WorkerExit>((resolve) => host.onExit(resolve))
    expect(late.code).toBe(3)
    expect(() => host.post({ type: 'shutdown', seq: 9 })).not.toThrow()
  })

  it('terminate kills the process and resolves once it is gone', async () => {
    const host = createUtilityProcessHost({ fork: forkChildProcess, workerPath })
    await nextMessage(host)
    let exitSeen = false
    host.onExit(() => (exitSeen = true))
    await host.terminate()
    expect(exitSeen).toBe(true)
    await host.terminate()
  })
})

describe('the Electron training bundles (out/worker) in an emulated utility process', () => {
  const electronLikeHost = () =>
    createUtilityProcessHost({
      fork: forkChildProcessWith(['--import', ELECTRON_PARENT_PORT]),
      workerPath: path.join(bundleDir, 'worker/trainingWorker.js'),
    })

  beforeAll(() => {
    execFileSync(
      process.execPath,
      ['scripts/build-electron.js', '--only', 'worker,replica', '--outdir', bundleDir],
      { cwd: REPO_ROOT, stdio: 'ignore' },
    )
  })

  it('answers what it cannot serve with a failure message, and shuts down cleanly', async () => {
    const host = electronLikeHost()
    expect(await nextMessage(host)).toMatchObject({ type: 'ready' })
    const failed = new Promise<FromWorker>((resolve) =>
      host.onMessage((message) => message.type === 'failed' && resolve(message)),
    )
    host.post({
      type: 'evaluate',
      seq: 1,
      runId: 9,
      runDir: path.join(dir, 'no-run'),
      snapshotPath: path.join(dir, 'no-snapshot.bin'),
      split: 'validation',
      tta: 'none',
      config: TrainingConfig.parse({}),
      maxThreads: null,
    })
    expect(await failed).toMatchObject({ type: 'failed', runId: 9, requestSeq: 1 })
    const exit = new Promise<WorkerExit>((resolve) => host.onExit(resolve))
    host.post({ type: 'shutdown', seq: 2 })
    expect((await exit).code).toBe(0)
  })

  it('trains a run to the end behind the composition root, as the desktop app does', async () => {
    const statuses: string[] = []
    let epochs = 0
    const services = createServices({
      dataDir: path.join(dir, 'store'),
      shell: 'electron',
      emit: (event, payload) => {
        if (event === 'training.statusChanged')
          statuses.push((payload as { status: string }).status)
        if (event === 'training.epochEnded') epochs++
      },
      log: () => undefined,
      createHost: electronLikeHost,
    })
    const ctx = { origin: 'test', log: () => undefined } as const
    try {
      const demo = await services.handlers['datasets.createDemo']({}, ctx)
      const config = TrainingConfig.parse({
        model: 'tiny-cnn',
        epochs: 2,
        batchSize: 32,
        maxTrainFaces: 256,
      })
      const run = await services.handlers['training.start']({ datasetId: demo.id, config }, ctx)
      await vi.waitFor(() => expect(statuses).toContain('completed'), {
        timeout: 120_000,
        interval: 200,
      })
      expect(epochs).toBe(2)
      const detail = await services.handlers['training.getRun']({ runId: run.id }, ctx)
      expect(detail.summary).toMatchObject({ status: 'completed', epochsDone: 2 })
      expect(detail.summary.backend).not.toBeNull()
    } finally {
      await services.close()
    }
  }, 180_000)
})
