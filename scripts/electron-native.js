// Builds better-sqlite3 for Electron's ABI into out/native/electron/better_sqlite3.node, beside
// (never instead of) the Node build in node_modules that the CLI, the bridge and the tests load.
// Electron main passes the result to better-sqlite3's `nativeBinding` option. Usage:
//   node scripts/electron-native.js <electron-version>
// Does nothing when the output exists for that version. Needs the network the first time
// (a prebuilt binary or Electron's headers), like the Electron binary itself.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT_DIR = path.join(ROOT, 'out/native/electron')
const BUILD_DIR = path.join(ROOT, 'out/native/build')
const STAMP = path.join(OUT_DIR, 'electron-version.txt')

const electronVersion = process.argv[2]
if (!electronVersion) {
  console.error('usage: node scripts/electron-native.js <electron-version>')
  process.exit(2)
}
const sqlitePackage = path.join(ROOT, 'node_modules/better-sqlite3')
const sqliteVersion = JSON.parse(
  readFileSync(path.join(sqlitePackage, 'package.json'), 'utf8'),
).version
const wanted = `electron ${electronVersion} better-sqlite3 ${sqliteVersion} ${process.platform}-${process.arch}`

if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === wanted) process.exit(0)

console.log(`> building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}`)
// A private copy, so the rebuild cannot touch the Node-ABI build in node_modules.
rmSync(BUILD_DIR, { recursive: true, force: true })
mkdirSync(path.join(BUILD_DIR, 'node_modules'), { recursive: true })
cpSync(sqlitePackage, path.join(BUILD_DIR, 'node_modules/better-sqlite3'), {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}build${path.sep}`),
})
writeFileSync(
  path.join(BUILD_DIR, 'package.json'),
  JSON.stringify({
    name: 'fer-studio-native',
    private: true,
    dependencies: { 'better-sqlite3': sqliteVersion },
  }),
)

// A `nodedir` npm setting (Debian points it at /usr for Node's own headers) would make node-gyp
// compile against Node's headers while labelling the result as Electron's: drop it here.
delete process.env.npm_config_nodedir
delete process.env.NPM_CONFIG_NODEDIR

try {
  const { rebuild } = await import('@electron/rebuild')
  await rebuild({
    buildPath: BUILD_DIR,
    electronVersion,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
  })
} catch (err) {
  console.error(
    `Rebuilding better-sqlite3 for Electron failed: ${err instanceof Error ? err.message : err}`,
  )
  process.exit(1)
}

const built = path.join(BUILD_DIR, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
if (!existsSync(built)) {
  console.error(`Rebuilding better-sqlite3 for Electron produced no ${built}`)
  process.exit(1)
}
mkdirSync(OUT_DIR, { recursive: true })
copyFileSync(built, path.join(OUT_DIR, 'better_sqlite3.node'))
writeFileSync(STAMP, `${wanted}\n`)
rmSync(BUILD_DIR, { recursive: true, force: true })
console.log(`> ${path.relative(ROOT, path.join(OUT_DIR, 'better_sqlite3.node'))} ready`)
