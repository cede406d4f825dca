import fs from 'node:fs'
import { openDatabase } from '/work/main/electron/db/openDatabase'
import { importDataset } from '/work/main/electron/importers/importDataset'
const dir = fs.mkdtempSync('/tmp/scratch/dd-')
const db = openDatabase(dir + '/studio.db')
const t = performance.now()
let last = 0
const rep = await importDataset({ db, dataDir: dir }, { path: process.argv[2]!, name: 'x', onProgress: (p, d, tot) => { if (performance.now() - last > 2000) { last = performance.now(); console.log(p, d, tot) } } })
console.log(JSON.stringify({ ...rep, counts: undefined }), rep.counts, ((performance.now() - t) / 1000).toFixed(1), 's', process.resourceUsage().maxRSS / 1024, 'MB')
