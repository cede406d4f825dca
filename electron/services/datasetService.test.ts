import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'

import type { CallContext, EventName, EventPayload } from '../../shared/contract'
import type { DatasetId, ImportJobId } from '../../shared/domain/ids'
import {
  createTempStore,
  storeFingerprint,
  testFace,
  writeFer2013Csv,
} from '../importers/storeFixtures.testUtil'
import type { TempStore } from '../importers/storeFixtures.testUtil'
import { createAppHandlers } from './appService'
import { DEMO_DATASET_NAME, createDatasetHandlers } from './datasetService'

const ctx: CallContext = { origin: 'test', log: () => {} }
type Event = { event: EventName; payload: unknown }
let store: TempStore
let events: Event[]
let listeners: ((e: Event) => void)[]
let datasets: ReturnType<typeof createDatasetHandlers>

beforeEach(() => {
  store = createTempStore()
  events = []
  listeners = []
  datasets = createDatasetHandlers({
    db: store.db,
    dataDir: store.dir,
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      const e = { event, payload }
      events.push(e)
      for (const listener of listeners) listener(e)
    },
    log: () => {},
  })
})
afterEach(() => store.cleanup())

/** Resolves with the job's last event: importFinished or importFailed. */
function jobEnd(jobId: ImportJobId): Promise<Event> {
  return new Promise((resolve) => {
    const done = events.find((e) => isEnd(e, jobId))
    if (done) resolve(done)
    listeners.push((e) => isEnd(e, jobId) && resolve(e))
  })
}
const isEnd = (e: Event, jobId: ImportJobId): boolean =>
  (e.event === 'datasets.importFinished' || e.event === 'datasets.importFailed') &&
  (e.payload as { jobId: string }).jobId === jobId

/** A FER2013 CSV of `count` distinct faces, with `extraLines` appended as they are. */
function csv(name: string, count: number, extraLines = ''): string {
  const rows = Array.from({ length: count }, (_, i) => ({
    label: i % 7,
    pixels: testFace(i + 1),
    usage: i % 2 ? 'PublicTest' : 'Training',
  }))
  const file = writeFer2013Csv(path.join(store.dir, 'in', name), rows)
  if (extraLines) fs.appendFileSync(file, extraLines)
  return file
}

describe('datasets.import (background job)', () => {
  it('returns a job id at once and reports progress, then the report and a change', async () => {
    const { jobId } = await datasets['datasets.import'](
      { path: csv('a.csv', 300), name: 'a', skipBad: false },
      ctx,
    )
    const end = await jobEnd(jobId)
    expect(end.event).toBe('datasets.importFinished')
    const report = (end.payload as EventPayload<'datasets.importFinished'>).report
    expect(report).toMatchObject({ name: 'a', format: 'fer2013-csv', imported: 300, rejected: 0 })
    const progress = events
      .filter((e) => e.event === 'datasets.importProgressed')
      .map((e) => e.payload as EventPayload<'datasets.importProgressed'>)
    expect(progress.length).toBeGreaterThanOrEqual(3)
    expect(progress.every((p) => p.jobId === jobId)).toBe(true)
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['reading', 'committing', 'done']),
    )
    expect(progress.at(-1)).toEqual({ jobId, phase: 'done', done: 300, total: 300, fraction: null })
    expect(events.at(-1)).toEqual({
      event: 'datasets.changed',
      payload: { datasetId: report.datasetId },
    })
    const summary = await datasets['datasets.get']({ datasetId: report.datasetId }, ctx)
    expect(summary).toMatchObject({
      name: 'a',
      faceCount: 300,
      source: 'fer2013-csv',
      hasFerPlus: false,
    })
  })

  it('reports a bad file as importFailed with the error as data, storing nothing', async () => {
    const before = storeFingerprint(store.db)
    const { jobId } = await datasets['datasets.import'](
      { path: csv('bad.csv', 3, '9,1 2 3,Training\n'), name: 'bad', skipBad: false },
      ctx,
    )
    const end = await jobEnd(jobId)
    expect(end).toEqual({
      event: 'datasets.importFailed',
      payload: {
        jobId,
        error: {
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/bad\.csv, row 4: label '9'/) as string,
          details: {
            file: expect.stringMatching(/bad\.csv$/) as string,
            row: 4,
            reason: "label '9' is not a FER2013 emotion 0..6",
          },
        },
      },
    })
    expect(storeFingerprint(store.db)).toEqual(before)
  })

  it('cancels a running import: importFailed CANCELLED, nothing stored; a second cancel is NOT_FOUND', async () => {
    const before = storeFingerprint(store.db)
    const { jobId } = await datasets['datasets.import'](
      { path: csv('big.csv', 2000), name: 'big', skipBad: false },
      ctx,
    )
    expect(await datasets['datasets.cancelImport']({ jobId }, ctx)).toEqual({})
    const end = await jobEnd(jobId)
    expect(end).toMatchObject({
      event: 'datasets.importFailed',
      payload: { jobId, error: { code: 'CANCELLED' } },
    })
    expect(storeFingerprint(store.db)).toEqual(before)
    await expect(datasets['datasets.cancelImport']({ jobId }, ctx)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('refuses a taken name or a missing path before starting', async () => {
    const first = await datasets['datasets.import'](
      { path: csv('x.csv', 2), name: 'x', skipBad: false },
      ctx,
    )
    await jobEnd(first.jobId)
    await expect(
      datasets['datasets.import']({ path: csv('y.csv', 2), name: 'x', skipBad: false }, ctx),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      datasets['datasets.import']({ path: '/nope/none.csv', name: 'z', skipBad: false }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('datasets.* handlers', () => {
  it('lists newest first, renames (CONFLICT on a taken name) and deletes with cascade', async () => {
    for (const name of ['one', 'two']) {
      const { jobId } = await datasets['datasets.import'](
        { path: csv(`${name}.csv`, 3), name, skipBad: false },
        ctx,
      )
      await jobEnd(jobId)
    }
    const list = await datasets['datasets.list']({}, ctx)
    expect(list.map((d) => d.name)).toEqual(['two', 'one'])
    const [two, one] = list as [(typeof list)[0], (typeof list)[0]]
    await expect(
      datasets['datasets.rename']({ datasetId: two.id, name: 'one' }, ctx),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await datasets['datasets.rename']({ datasetId: two.id, name: 'deux' }, ctx)).name).toBe(
      'deux',
    )
    fs.mkdirSync(path.join(store.dir, 'runs', '1'), { recursive: true })
    store.db
      .prepare(
        "INSERT INTO runs (id, dataset_id, name, status, config, created_at) VALUES (1, ?, 'r', 'completed', '{}', 0)",
      )
      .run(one.id)
    await datasets['datasets.delete']({ datasetId: one.id }, ctx)
    expect(
      store.db.prepare('SELECT COUNT(*) FROM faces WHERE dataset_id = ?').pluck().get(one.id),
    ).toBe(0)
    expect(store.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0)
    expect(fs.existsSync(path.join(store.dir, 'runs', '1'))).toBe(false)
    await expect(datasets['datasets.get']({ datasetId: one.id }, ctx)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(events.filter((e) => e.event === 'datasets.changed').length).toBeGreaterThanOrEqual(4)
  })

  it('detects formats, attaches FER+ votes and exports', async () => {
    const file = csv('f.csv', 2)
    expect((await datasets['datasets.detectFormat']({ path: file }, ctx)).format).toBe(
      'fer2013-csv',
    )
    const { jobId } = await datasets['datasets.import'](
      { path: file, name: 'f', skipBad: false },
      ctx,
    )
    const datasetId = ((await jobEnd(jobId)).payload as EventPayload<'datasets.importFinished'>)
      .report.datasetId
    const votes = path.join(store.dir, 'votes.csv')
    fs.writeFileSync(
      votes,
      'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF\nTraining,a.png,0,10,0,0,0,0,0,0,0,0\nPublicTest,b.png,10,0,0,0,0,0,0,0,0,0\n',
    )
    expect(await datasets['datasets.attachFerPlus']({ datasetId, path: votes }, ctx)).toEqual({
      attached: 2,
      withoutVotes: 0,
    })
    expect((await datasets['datasets.get']({ datasetId }, ctx)).hasFerPlus).toBe(true)
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-service-export-'))
    onTestFinished(() => fs.rmSync(outDir, { recursive: true, force: true }))
    const out = path.join(outDir, 'out.csv')
    const exportTo = (target: string, overwrite = false) =>
      datasets['datasets.export'](
        { datasetId, format: 'fer2013-csv', path: target, overwrite },
        ctx,
      )
    expect(await exportTo(out)).toEqual({ path: out, faces: 2, excluded: 0 })
    // A second export onto the same file is refused, and the data folder is out of bounds.
    await expect(exportTo(out)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await exportTo(out, true)).toEqual({ path: out, faces: 2, excluded: 0 })
    await expect(exportTo(path.join(store.dir, 'studio.db'), true)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    })
    // The last progress event says every face was written.
    expect(events.filter((e) => e.event === 'datasets.exportProgressed').at(-1)).toEqual({
      event: 'datasets.exportProgressed',
      payload: { datasetId, done: 2, total: 2 },
    })
    await expect(
      datasets['datasets.export'](
        { datasetId: 99 as DatasetId, format: 'folder', path: out, overwrite: false },
        ctx,
      ),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('creates the synthetic demo dataset once', async () => {
    const demo = await datasets['datasets.createDemo']({}, ctx)
    expect(demo).toMatchObject({
      name: DEMO_DATASET_NAME,
      source: 'demo',
      faceSize: 48,
      sourcePath: null,
    })
    expect(demo.faceCount).toBeGreaterThan(500)
    for (const split of ['train', 'validation', 'test'] as const) {
      expect(demo.counts[split].every((n) => n > 0)).toBe(true)
    }
    // Imbalanced like FER2013: disgust scarcer than happy.
    expect(demo.counts.train[1]).toBeLessThan(demo.counts.train[3] as number)
    await expect(datasets['datasets.createDemo']({}, ctx)).rejects.toMatchObject({
      code: 'CONFLICT',
    })
  })
})

describe('app.* handlers', () => {
  it('describes the backend and asks for typed paths in the browser', async () => {
    const app = createAppHandlers({ dataDir: store.dir })
    expect(await app['app.getInfo']({}, ctx)).toEqual({
      name: 'FER Studio',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as string,
      shell: 'bridge',
      dataDir: store.dir,
      hasFileDialog: false,
    })
    await expect(app['app.choosePath']({ kind: 'file' }, ctx)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'no file dialog in the browser, type a path',
    })
  })
})
