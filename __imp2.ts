import fs from 'node:fs'
import { openDatabase } from './electron/db/openDatabase'
import { importDataset } from './electron/importers/importDataset'
const dir = fs.mkdtempSync('/tmp/scratch/dd-')
const db = openDatabase(dir + '/studio.db')
const t = performance.now()
const phases: Record<string, number> = {}
const rep = await importDataset({ db, dataDir: dir }, { path: process.argv[2]!, name: 'x', onProgress: (p) => { phases[p] ??= performance.now() - t } })
console.log(phases, rep.durationMs, process.cpuUsage(), process.resourceUsage().maxRSS / 1024, 'MB')
