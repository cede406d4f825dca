/**
 * `npm run bench:import`: imports the real FER2013 data (../shared/data) the two ways users get it
 * (the 32,298-row CSV.gz and the Training/PublicTest PNG folders) into a temp data dir, attaches
 * the FER+ votes and times a Faces-grid query, then checks the counts against the table in
 * ../shared/data/README.md and writes bench/results/import.json.
 *
 * Each step runs in its own child process so its peak memory (getrusage maxRSS, plus an RSS
 * sample every 50 ms) is its own. Targets (issue "FER Studio foundation"): CSV < 15 s, PNG folders
 * < 30 s, peak RSS < 500 MB, label-filter query < 50 ms. Other work on this 2-core machine makes
 * the figures noisy: the load average before each step is recorded beside it.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import type { CallContext } from '../shared/contract'
import type { DatasetSummary } from '../shared/domain/dataset'
import { EMOTIONS } from '../shared/domain/emotion'
import type { DatasetId } from '../shared/domain/ids'
import { openDatabase } from '../electron/db/openDatabase'
import { findDatasetByName, getDataset, summarizeDataset } from '../electron/db/queries/datasets'
import { attachFerPlus } from '../electron/importers/attachFerPlus'
import { importDataset } from '../electron/importers/importDataset'
import { databasePath } from '../electron/services/dataDir'
import { createFaceHandlers } from '../electron/services/faceService'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DATA = path.resolve(ROOT, '../shared/data')
const CSV = path.join(DATA, 'fer2013', 'fer2013-dev.csv.gz')
const FOLDERS = path.join(DATA, 'fer2013')
const FERPLUS = path.join(DATA, 'ferplus', 'fer2013new-dev.csv')
const RESULTS = path.join(ROOT, 'bench', 'results', 'import.json')

/** ../shared/data/README.md: faces per class (FER2013 order) in each split. */
const EXPECTED = {
  train: [3995, 436, 4097, 7215, 4830, 3171, 4965],
  validation: [467, 56, 496, 895, 653, 415, 607],
  test: [0, 0, 0, 0, 0, 0, 0],
}
const TARGETS = { csvSeconds: 15, folderSeconds: 30, peakRssMb: 500, queryMs: 50 }

type StepResult = Readonly<{
  step: string
  seconds: number
  /** CPU time of the child (all threads) during the step: less sensitive to other load. */
  cpuSeconds: number
  maxRssMb: number
  sampledPeakRssMb: number
  loadBefore: number
  detail: unknown
}>

const ctx: CallContext = { origin: 'cli', log: () => {} }

/** Runs `fn` measuring wall time and sampling RSS every 50 ms; prints the result as JSON. */
async function measured(step: string, fn: () => Promise<unknown>): Promise<void> {
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  const loadBefore = os.loadavg()[0] ?? 0
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const detail = await fn()
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage().rss)
  const result: StepResult = {
    step,
    seconds: round(seconds, 2),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    maxRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    sampledPeakRssMb: round(peak / 1024 / 1024, 1),
    loadBefore: round(loadBefore, 2),
    detail,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits))

/** The child side: one step against the data dir. */
async function child(step: string, dataDir: string): Promise<void> {
  const db = openDatabase(databasePath(dataDir))
  const deps = { db, dataDir }
  const summary = (id: DatasetId): DatasetSummary => {
    const dataset = getDataset(db, id)
    if (!dataset) throw new Error(`dataset ${id} missing`)
    return summarizeDataset(db, dataset)
  }
  const idOf = (name: string): DatasetId => {
    const dataset = findDatasetByName(db, name)
    if (!dataset) throw new Error(`dataset ${name} missing`)
    return dataset.id
  }
  try {
    if (step === 'csv') {
      await measured(step, async () =>
        summary((await importDataset(deps, { path: CSV, name: 'csv' })).datasetId),
      )
    } else if (step === 'folder') {
      await measured(step, async () =>
        summary((await importDataset(deps, { path: FOLDERS, name: 'folder' })).datasetId),
      )
    } else if (step === 'ferplus') {
      await measured(step, () => attachFerPlus(db, idOf('csv'), FERPLUS))
    } else if (step === 'query') {
      const faces = createFaceHandlers({ db, dataDir, emit: () => {}, log: () => {} })
      const datasetId = idOf('csv')
      await measured(step, async () => {
        const time = async (
          filter: Parameters<(typeof faces)['faces.query']>[0]['filter'],
        ): Promise<{ ms: number[]; total: number }> => {
          const ms: number[] = []
          let total = 0
          for (let i = 0; i < 7; i++) {
            const t = performance.now()
            total = (await faces['faces.query']({ datasetId, filter, sort: 'id' }, ctx)).total
            ms.push(round(performance.now() - t, 2))
          }
          return { ms, total }
        }
        const label = await time({ labels: ['happy'] })
        const all = await time({})
        const leak = await time({ duplicatesOnly: true, splits: ['validation'] })
        const ferPlus = await time({ ferPlusMajority: ['fear'], labels: ['fear'] })
        return {
          labelFilter: label,
          noFilter: all,
          duplicatesInValidation: leak,
          ferPlusFearLabelledFear: ferPlus,
        }
      })
    } else if (step === 'compare') {
      await measured(step, async () => {
        const row = db
          .prepare<[number, number], { same: number }>(
            `SELECT COUNT(*) AS same FROM
               (SELECT hash, label, split, COUNT(*) AS n FROM faces WHERE dataset_id = ? GROUP BY 1, 2, 3) a
               JOIN (SELECT hash, label, split, COUNT(*) AS n FROM faces WHERE dataset_id = ? GROUP BY 1, 2, 3) b
               USING (hash, label, split)`,
          )
          .get(idOf('csv'), idOf('folder'))
        return { identicalFaceGroups: row?.same ?? 0 }
      })
    } else {
      throw new Error(`unknown step ${step}`)
    }
  } finally {
    db.close()
  }
}

async function runStep(step: string, dataDir: string): Promise<StepResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'bin', 'run-ts.js'), fileURLToPath(import.meta.url), '--child', step, dataDir],
    { maxBuffer: 16 * 1024 * 1024 },
  )
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(line) as StepResult
}

function countsCheck(
  name: string,
  summary: DatasetSummary,
): { name: string; ok: boolean; found: unknown } {
  const ok = JSON.stringify(summary.counts) === JSON.stringify(EXPECTED)
  return { name, ok, found: summary.counts }
}

function printTable(steps: readonly StepResult[]): void {
  const rows = [['step', 'seconds', 'CPU seconds', 'max RSS MB', 'sampled peak MB', 'load before']]
  for (const s of steps)
    rows.push([
      s.step,
      String(s.seconds),
      String(s.cpuSeconds),
      String(s.maxRssMb),
      String(s.sampledPeakRssMb),
      String(s.loadBefore),
    ])
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '))
}

async function main(): Promise<void> {
  if (!fs.existsSync(CSV) || !fs.existsSync(path.join(FOLDERS, 'Training'))) {
    console.log(
      `bench:import skipped: the real data is not at ${DATA} (see ../shared/data/README.md)`,
    )
    return
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-bench-import-'))
  try {
    const steps: StepResult[] = []
    for (const step of ['csv', 'ferplus', 'query', 'folder', 'compare']) {
      process.stdout.write(`running ${step}...\n`)
      steps.push(await runStep(step, dataDir))
    }
    const byStep = Object.fromEntries(steps.map((s) => [s.step, s]))
    const csv = byStep['csv']?.detail as DatasetSummary
    const folder = byStep['folder']?.detail as DatasetSummary
    const query = byStep['query']?.detail as { labelFilter: { ms: number[]; total: number } }
    const median = (values: number[]): number =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
    const peakMb = Math.max(...steps.map((s) => s.maxRssMb))
    const checks = [
      countsCheck('CSV counts per class and split match the README', csv),
      countsCheck('PNG-folder counts per class and split match the README', folder),
      {
        name: `CSV import < ${TARGETS.csvSeconds} s`,
        ok: (byStep['csv']?.seconds ?? Infinity) < TARGETS.csvSeconds,
        found: byStep['csv']?.seconds,
      },
      {
        name: `PNG-folder import < ${TARGETS.folderSeconds} s`,
        ok: (byStep['folder']?.seconds ?? Infinity) < TARGETS.folderSeconds,
        found: byStep['folder']?.seconds,
      },
      { name: `peak RSS < ${TARGETS.peakRssMb} MB`, ok: peakMb < TARGETS.peakRssMb, found: peakMb },
      {
        name: `label-filter query (median of 7) < ${TARGETS.queryMs} ms`,
        ok: median(query.labelFilter.ms) < TARGETS.queryMs,
        found: median(query.labelFilter.ms),
      },
    ]
    printTable(steps)
    console.log('')
    console.log(`CSV duplicates: ${JSON.stringify(csv.duplicates)}`)
    console.log(`folder duplicates: ${JSON.stringify(folder.duplicates)}`)
    console.log(`FER+: ${JSON.stringify(byStep['ferplus']?.detail)}`)
    console.log(`query: ${JSON.stringify(byStep['query']?.detail)}`)
    console.log(`CSV vs folder: ${JSON.stringify(byStep['compare']?.detail)}`)
    console.log('')
    for (const check of checks)
      console.log(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name} (${JSON.stringify(check.found)})`)
    console.log('')
    console.log(`class order: ${EMOTIONS.join(', ')}`)
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true })
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? '',
        memoryGb: round(os.totalmem() / 2 ** 30, 1),
        node: process.version,
      },
      targets: TARGETS,
      steps,
      checks,
    }
    fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`)
    console.log(`wrote ${path.relative(ROOT, RESULTS)}`)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const childAt = process.argv.indexOf('--child')
if (childAt >= 0) {
  await child(process.argv[childAt + 1] ?? '', process.argv[childAt + 2] ?? '')
} else {
  await main()
}
