import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { openDatabase } from '../../db/openDatabase'
import { insertDataset } from '../../db/queries/datasets'
import { databasePath } from '../../services/dataDir'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const runTs = path.join(root, 'bin', 'run-ts.js')
const loopScript = path.join(root, 'electron', 'cli', 'testing', 'cliLoop.testChild.ts')

export type CliResult = Readonly<{ code: number; out: string; err: string }>

/** A child process running a list of CLI commands once its go file exists. */
export type CliLoop = Readonly<{
  ready: Promise<void>
  /** Every command's result, once the child has exited by itself. */
  results: Promise<CliResult[]>
  /** Kills the child with SIGKILL; resolves with the results it had printed (acknowledged). */
  kill(): Promise<CliResult[]>
}>

/**
 * Starts a child process that runs `commands` (argv after `fer-studio`) one by one, as soon as
 * `goFile` exists. Resolves `ready` when the child has loaded, `results` when it has exited.
 */
export function startCliLoop(
  dir: string,
  goFile: string,
  commands: string[][],
  as: Readonly<{ uid: number; gid: number }> | null = null,
): CliLoop {
  const commandsFile = path.join(dir, `commands-${Math.random().toString(36).slice(2)}.json`)
  fs.writeFileSync(commandsFile, JSON.stringify(commands))
  fs.chmodSync(commandsFile, 0o644)
  const child = spawn(process.execPath, [runTs, loopScript, goFile, commandsFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(as === null ? {} : { uid: as.uid, gid: as.gid, env: { ...process.env, HOME: dir } }),
  })
  let stdout = ''
  let stderr = ''
  let onReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (stdout.startsWith('ready\n')) onReady()
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const printed = (): CliResult[] =>
    stdout
      .split('\n')
      .slice(1, -1)
      .map((line) => JSON.parse(line) as CliResult)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      onReady()
      resolve(code)
    }),
  )
  const results = exited.then((code) => {
    if (code !== 0) throw new Error(`child exited ${String(code)}: ${stderr}`)
    return printed()
  })
  results.catch(() => undefined)
  return {
    ready,
    results,
    async kill() {
      child.kill('SIGKILL')
      await exited
      return printed()
    },
  }
}

/**
 * Runs several command lists in child processes at the same moment (as another user when `as` is
 * given); their results in order.
 */
export async function runCliLoopsAtOnce(
  dir: string,
  lists: string[][][],
  as: Readonly<{ uid: number; gid: number }> | null = null,
): Promise<CliResult[][]> {
  const goFile = path.join(dir, `go-${Math.random().toString(36).slice(2)}`)
  const loops = lists.map((commands) => startCliLoop(dir, goFile, commands, as))
  await Promise.all(loops.map((loop) => loop.ready))
  fs.writeFileSync(goFile, '')
  return Promise.all(loops.map((loop) => loop.results))
}

/**
 * A store in `dataDir` with one dataset of `count` tiny (2x2) train faces, all labelled angry;
 * returns the face ids in order. Written straight to SQL: quick even for tens of thousands.
 */
export function seedStore(dataDir: string, count: number, name = 'seeded'): number[] {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = openDatabase(databasePath(dataDir))
  try {
    return db.transaction(() => {
      const datasetId = insertDataset(db, {
        name,
        source: 'fer2013-csv',
        sourcePath: null,
        faceSize: 2,
        createdAt: Date.now(),
      })
      const insert = db.prepare(
        `INSERT INTO faces (dataset_id, split, label, original_label, pixels, hash, source_file, source_row)
         VALUES (?, 'train', 0, 0, ?, ?, 'seed.csv', ?)`,
      )
      const ids: number[] = []
      for (let i = 0; i < count; i++) {
        const pixels = Buffer.from([i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 7])
        ids.push(Number(insert.run(datasetId, pixels, `h${i}`, i + 1).lastInsertRowid))
      }
      return ids
    })()
  } finally {
    db.close()
  }
}
