import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type SpawnedBridge = Readonly<{
  /** `http://127.0.0.1:PORT/?token=T` */
  url: string
  /** `http://127.0.0.1:PORT` */
  origin: string
  token: string
  dataDir: string
  /** Everything the bridge printed so far (stdout and stderr), for failure reports. */
  output(): string
  /** SIGTERM (graceful: runs interrupted, store closed), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>
}>

export type SpawnBridgeOptions = Readonly<{
  dataDir: string
  rendererDir?: string
  /** How long to wait for the URL; the first start compiles TypeScript through tsx. */
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
  /** Let a new data folder get the demo dataset on first start, as `npm start` does (default off). */
  demo?: boolean
}>

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * Starts `electron/bridge/serve.ts` in its own process (with tsx's loader, exactly as `npm start`
 * does without Electron) on a random port, and resolves with its URL once it listens. Used by the
 * end-to-end fixtures and the UI benchmark; each caller gets its own process and data folder.
 */
export async function spawnBridge(options: SpawnBridgeOptions): Promise<SpawnedBridge> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'fer-bridge-url-'))
  const urlFile = path.join(scratch, 'url.txt')
  // tsx as a loader in the bridge's own process, so SIGTERM reaches it directly (the tsx CLI would
  // SIGKILL a bridge that is slow to acknowledge the signal on a busy machine).
  const args = [
    '--import',
    'tsx',
    'electron/bridge/serve.ts',
    '--data-dir',
    options.dataDir,
    '--no-open',
    '--url-file',
    urlFile,
  ]
  if (options.rendererDir !== undefined) args.push('--renderer-dir', options.rendererDir)
  if (options.demo !== true) args.push('--no-demo')
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  let url: string | null = null
  while (url === null) {
    const text = await readFile(urlFile, 'utf8').catch(() => '')
    if (text.endsWith('\n')) url = text.trim()
    else if (child.exitCode !== null) {
      await rm(scratch, { recursive: true, force: true })
      throw new Error(`The bridge exited with code ${child.exitCode} before listening:\n${output}`)
    } else if (Date.now() > deadline) {
      child.kill('SIGKILL')
      await rm(scratch, { recursive: true, force: true })
      throw new Error(
        `The bridge did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`,
      )
    } else await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await rm(scratch, { recursive: true, force: true })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir: options.dataDir,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      if (!(await waitForExit(child, graceMs))) {
        child.kill('SIGKILL')
        await waitForExit(child, 5_000)
      }
    },
  }
}
