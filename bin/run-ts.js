#!/usr/bin/env node
// Runs a TypeScript file through tsx: `node bin/run-ts.js bench/importBench.ts [args...]`.
// The file is resolved against the current folder, then against the project root, so it works
// from any cwd; the script sees itself as process.argv[1] and its own arguments after it.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { register } from 'tsx/esm/api'

const script = process.argv[2]
if (!script) {
  console.error('usage: node bin/run-ts.js <file.ts> [args...]')
  process.exit(2)
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const resolved = [path.resolve(script), path.resolve(root, script)].find((file) => existsSync(file))
if (!resolved) {
  console.error(`run-ts: ${script} not found (looked in ${process.cwd()} and ${root})`)
  process.exit(2)
}
register({ tsconfig: false })
process.argv.splice(1, 2, resolved)
await import(pathToFileURL(resolved).href)
