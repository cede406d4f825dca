// Packages the desktop app: builds the renderer and the Electron bundles, runs electron-builder
// (which rebuilds node_modules/better-sqlite3 for Electron's ABI, in place), then rebuilds
// better-sqlite3 for Node again so the CLI, the bridge and `npm test` keep working.
// Extra arguments go to electron-builder, e.g. `node scripts/package.js --linux AppImage`.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function run(label, command, args) {
  console.log(`> ${label}`)
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  return result.status === 0
}

let ok =
  run('building the renderer', npm, ['run', 'build:renderer']) &&
  run('bundling main, preload and worker', process.execPath, ['scripts/build-electron.js']) &&
  run('electron-builder', process.execPath, [
    'node_modules/electron-builder/cli.js',
    '--config',
    'electron-builder.yml',
    ...process.argv.slice(2),
  ])
// Always restore the Node build, even when packaging failed half-way through a rebuild.
ok = run('rebuilding better-sqlite3 for Node', npm, ['rebuild', 'better-sqlite3']) && ok
process.exit(ok ? 0 : 1)
