import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `npm run bench`: every benchmark in turn, each in its own process so one's memory does not
 * count against the next. Each writes its figures to bench/results/<name>.json.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BENCHES = [
  'importBench.ts',
  'trainBench.ts',
  'inferBench.ts',
  'uiBench.ts',
  'cellBench.ts',
  'bridgeBench.ts',
  'visionBench.ts',
]

let failed = 0
for (const bench of BENCHES) {
  console.log(`\n=== ${bench}`)
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'bin/run-ts.js'), path.join(root, 'bench', bench)],
    { stdio: 'inherit' },
  )
  if (run.status !== 0) {
    failed++
    console.error(`${bench} exited with ${run.status ?? run.signal}`)
  }
}
process.exit(failed === 0 ? 0 : 1)
