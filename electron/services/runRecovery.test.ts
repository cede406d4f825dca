import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, hostname } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { EventName, EventPayload } from '../../shared/contract'
import { RunId } from '../../shared/domain/ids'
import type { RunSummary } from '../../shared/domain/training'
import type { TrainerHost } from '../training/main/host'
import { runFiles } from '../training/common/protocol'
import { createTempStore, seedDataset, testConfig } from '../training/main/trainerFixtures.testUtil'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createTrainingService, type TrainingService } from './trainingService'

const ctx = { origin: 'test' as const, log: () => undefined }

let store: ReturnType<typeof createTempStore>
let hosts: TrainerHost[]
let services: TrainingService[]
let datasetId: number
beforeEach(() => {
  store = createTempStore()
  hosts = []
  services = []
  datasetId = seedDataset(store.db, { train: 3, validation: 1 })
})
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()))
  await Promise.all(hosts.map((h) => h.terminate()))
  store.cleanup()
})

/** A training service on the test store with real worker threads; events go to `events`. */
function openService(
  options: { maxThreads?: number; events?: { name: EventName; payload: unknown }[] } = {},
) {
  const service = createTrainingService({
    db: store.db,
    dataDir: store.dir,
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) =>
      void options.events?.push({ name, payload }),
    log: () => undefined,
    ...(options.maxThreads === undefined ? {} : { maxThreads: options.maxThreads }),
    createHost: () => {
      const host = createWorkerThreadHost()
      hosts.push(host)
      return host
    },
  })
  services.push(service)
  return service
}

/** Inserts a run as a process that is gone left it; returns its id. */
function leftRun(status: string, runDir: string | null, threads: number | null = null): RunId {
  return RunId.parse(
    Number(
      store.db
        .prepare(
          `INSERT INTO runs (dataset_id, name, status, config, created_at, run_dir, threads)
         VALUES (?, 'left', ?, ?, 1, ?, ?)`,
        )
        .run(datasetId, status, JSON.stringify(testConfig({ epochs: 1 })), runDir, threads)
        .lastInsertRowid,
    ),
  )
}

/** A run folder whose owner file names `pid` on this machine. */
function ownedBy(name: string, pid: number): string {
  const dir = path.join(store.dir, 'runs', name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(runFiles(dir).owner, JSON.stringify({ pid, host: hostname() }))
  return dir
}

const deadPid = (): number =>
  Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString())

const statusOf = (runId: number) =>
  store.db.prepare<[number], { status: string }>('SELECT status FROM runs WHERE id = ?').get(runId)
    ?.status

describe('runs after a kill', () => {
  it('resumes a run killed before its snapshot was written, from the start', async () => {
    const runId = leftRun('interrupted', null)
    const service = openService({ maxThreads: 1 })
    const resumed = await service.handlers['training.resume']({ runId }, ctx)
    expect(resumed.status).toBe('queued')
    const done = await service.whenSettled(runId)
    expect(done).toMatchObject({ status: 'completed', epochsDone: 1 })
    expect(existsSync(runFiles(done.runDir!).snapshot)).toBe(true)
  })

  it('marks runs whose process is gone interrupted when runs are listed, not those of a live one', async () => {
    const events: { name: EventName; payload: unknown }[] = []
    const service = openService({ events })
    // Left after the service started: a CLI train killed while the studio is open.
    const killed = leftRun('running', ownedBy('killed', deadPid()))
    const alive = leftRun('running', ownedBy('alive', process.ppid))
    const listed = await service.handlers['training.listRuns']({}, ctx)
    const byId = new Map(listed.map((run: RunSummary) => [run.id as number, run]))
    expect(byId.get(killed)).toMatchObject({ status: 'interrupted', error: expect.any(String) })
    expect(byId.get(alive)?.status).toBe('running')
    expect(statusOf(killed)).toBe('interrupted')
    expect(events).toContainEqual(
      expect.objectContaining({
        name: 'training.statusChanged',
        payload: expect.objectContaining({ runId: killed, status: 'interrupted' }),
      }),
    )
  })

  it('removes the folders of starts killed before their run existed, not those of live ones', () => {
    const runs = path.join(store.dir, 'runs')
    const dead = path.join(runs, `pending-${deadPid()}-0f3c2a`)
    const live = path.join(runs, `pending-${process.ppid}-9d1e4b`)
    mkdirSync(dead, { recursive: true })
    mkdirSync(live, { recursive: true })
    openService()
    expect(existsSync(dead)).toBe(false)
    expect(existsSync(live)).toBe(true)
  })

  it.skipIf(availableParallelism() < 2)(
    'resumes a run with the thread count it trained with',
    async () => {
      const first = openService({ maxThreads: 1 })
      const run = await first.handlers['training.start'](
        { datasetId: datasetId as never, config: testConfig({ epochs: 1 }) },
        ctx,
      )
      expect((await first.whenSettled(run.id)).threads).toBe(1)
      store.db.prepare(`UPDATE runs SET status = 'interrupted' WHERE id = ?`).run(run.id)
      await first.close()

      // A process given no thread count of its own (the studio, `train --resume`).
      const events: { name: EventName; payload: unknown }[] = []
      const second = openService({ events })
      await second.handlers['training.resume']({ runId: run.id }, ctx)
      await second.whenSettled(run.id)
      const running = events.find(
        (e) =>
          e.name === 'training.statusChanged' &&
          (e.payload as { status: string }).status === 'running',
      )
      expect((running?.payload as { summary: RunSummary }).summary.threads).toBe(1)
    },
  )
})
