// `npm start`: builds what is missing, then opens the Electron window where an Electron binary
// can run here, and otherwise serves the same studio to a browser through the bridge, printing
// its URL (with the token) and the reason Electron was not used. `npm start -- --data-dir X`
// passes its options through to either.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { findElectron } from './electronBinary.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** Newest modification time of the files under the given folders (0 when none exist). */
function newestMtime(paths) {
  let newest = 0
  const visit = (p) => {
    let info
    try {
      info = statSync(p)
    } catch {
      return
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name))
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, info.mtimeMs)
    }
  }
  paths.forEach(visit)
  return newest
}

function run(label, command, commandArgs) {
  console.log(`> ${label}`)
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`${label} failed (${result.error?.message ?? `exit ${result.status}`})`)
    process.exit(result.status ?? 1)
  }
}

/** Builds out/renderer when it is missing or older than its sources. */
function ensureRenderer() {
  const builtIndex = path.join(ROOT, 'out/renderer/index.html')
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
  const sourcesAt = newestMtime([path.join(ROOT, 'renderer'), path.join(ROOT, 'shared')])
  if (builtAt > 0 && builtAt >= sourcesAt) return
  run(
    builtAt === 0 ? 'building the renderer' : 'rebuilding the renderer (sources changed)',
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ],
  )
}

/** Runs a child with our stdio, forwards Ctrl+C / SIGTERM to it, and exits with its code. */
function handOver(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal))
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

async function main() {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`Usage: npm start [-- --data-dir DIR] [-- --bridge] [bridge options: --port N --host ADDR --no-open]

Opens FER Studio in its Electron window when an Electron binary can run here; otherwise serves it
to your browser at http://127.0.0.1:PORT/?token=... (printed below). --bridge forces browser mode.`)
    return
  }
  ensureRenderer()
  const forceBridge = args.includes('--bridge')
  const passThrough = args.filter((a) => a !== '--bridge')
  let electron = forceBridge
    ? { ok: false, reason: '--bridge was given' }
    : await findElectron({ rootDir: ROOT })

  if (electron.ok) {
    run('bundling the Electron main process, preload and training worker', process.execPath, [
      path.join(ROOT, 'scripts/build-electron.js'),
    ])
    const native = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/electron-native.js'), electron.version],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    )
    if (native.status === 0) {
      console.log(`> starting Electron ${electron.version}`)
      handOver(electron.binary, ['.', ...passThrough], {
        ...process.env,
        FER_STUDIO_SQLITE_BINDING: path.join(ROOT, 'out/native/electron/better_sqlite3.node'),
      })
      return
    }
    electron = {
      ok: false,
      reason: "better-sqlite3 could not be built for Electron's ABI (see above)",
    }
  }

  console.log(`Electron binary not available: ${electron.reason}.`)
  console.log('Serving FER Studio to your browser instead (Ctrl+C stops it).')
  // tsx as a loader inside one Node process (not the tsx CLI, which SIGKILLs a child that is slow
  // to acknowledge Ctrl+C): the bridge itself gets the signal and closes the store cleanly.
  handOver(
    process.execPath,
    ['--import', 'tsx', 'electron/bridge/serve.ts', ...passThrough],
    process.env,
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
