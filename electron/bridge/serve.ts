import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createServices } from '../services/createServices'
import { seedDemoOnFirstStart } from '../services/firstStart'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { stopOnUnexpectedError } from './crashGuard'
import { startBridgeServer } from './createBridgeServer'
import type { BridgeServer } from './createBridgeServer'
import { SERVE_USAGE, isLoopbackHost, parseServeArgs } from './parseServeArgs'
import { writePrivateFile } from './privateFile'
import { redactToken } from './requestTarget'
import { createToken } from './token'

/**
 * `tsx electron/bridge/serve.ts`: FER Studio in a browser. Opens the store, builds the same
 * handlers the desktop app uses, and serves them with the renderer on 127.0.0.1 behind a token.
 * Training runs in a worker thread (the desktop app uses an Electron utility process instead).
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Every log line goes out without the token; only the URL printed for the user carries it. */
function log(message: string): void {
  process.stderr.write(`[bridge] ${redactToken(message)}\n`)
}

/** Best effort: a headless box has no browser to open, and that is fine. */
function openBrowser(url: string): void {
  const hasDisplay =
    process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY)
  if (!hasDisplay) return
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  const child = spawn(command, args as string[], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

async function main(): Promise<void> {
  let args
  try {
    args = parseServeArgs(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${SERVE_USAGE}\n`)
    process.exit(2)
  }
  if (args.help) {
    process.stdout.write(`${SERVE_USAGE}\n`)
    return
  }
  if (!isLoopbackHost(args.host)) {
    log(
      `WARNING: listening on ${args.host} makes the studio reachable from other machines; ` +
        'anyone with the token can read and change your datasets.',
    )
  }

  let bridge: BridgeServer | null = null
  const services = createServices({
    dataDir: args.dataDir,
    shell: 'bridge',
    emit: (event, payload) => bridge?.broadcast({ event, payload }),
    log,
    createHost: () => createWorkerThreadHost(),
  })
  try {
    if (args.demo) await seedDemoOnFirstStart(services, log)
    bridge = await startBridgeServer({
      handlers: services.handlers,
      media: services.media,
      rendererDir: args.rendererDir ?? path.join(REPO_ROOT, 'out/renderer'),
      host: args.host,
      port: args.port,
      token: createToken(),
      log,
    })
  } catch (err) {
    await services.close()
    throw err
  }
  const running = bridge
  if (args.urlFile !== undefined) await writePrivateFile(args.urlFile, `${running.url}\n`)
  process.stdout.write(`FER Studio is running at ${running.url}\n`)
  process.stdout.write(`Data folder: ${services.dataDir}\n`)
  if (args.open) openBrowser(running.url)

  let closing = false
  const shutDown = (signal: string, exitCode = 0) => {
    if (closing) {
      log(`${signal} again: exiting now`)
      process.exit(1)
    }
    closing = true
    log(`${signal}: stopping (active training runs are marked interrupted and can be resumed)`)
    void (async () => {
      await running
        .close()
        .catch((err: unknown) => log(`closing the server failed: ${String(err)}`))
      await services
        .close()
        .catch((err: unknown) => log(`closing the store failed: ${String(err)}`))
      process.exit(exitCode)
    })()
  }
  process.on('SIGINT', () => shutDown('SIGINT'))
  process.on('SIGTERM', () => shutDown('SIGTERM'))
  stopOnUnexpectedError(process, { log, stop: shutDown })
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err))
  process.exit(1)
})
