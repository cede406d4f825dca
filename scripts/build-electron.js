// Bundles the Electron side with esbuild: out/main/index.js (ESM), out/preload/index.cjs (CJS:
// a sandboxed preload cannot be an ES module), out/worker/trainingWorker.js (the utility process
// entry, ESM), out/worker/visionWorker.js (the vision thread), out/worker/replicaWorker.js
// (threads of its parallel engine), out/worker/ortSessionWorker.js (the ONNX Runtime engine's
// inference threads) and out/worker/ortShardWorker.js (its training shard threads). Native and
// heavy packages stay external and load from node_modules.
//   node scripts/build-electron.js [--outdir DIR]
//        [--only main,preload,worker,vision,replica,ortSession,ortShard]
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function option(name) {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}
// Tests bundle into a folder of their own (inside the repo, so node_modules resolves).
const OUT = path.resolve(ROOT, option('--outdir') ?? 'out')
const ONLY = option('--only')

const EXTERNAL = [
  'electron',
  'better-sqlite3',
  'sharp',
  '@tensorflow/*',
  'onnxruntime-node',
  '@vladmandic/*',
  'bufferutil',
  'utf-8-validate',
]
// Bundled ESM still meets CommonJS packages that call require(); give them one.
const ESM_BANNER = [
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);',
].join('\n')

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  external: EXTERNAL,
  logLevel: 'warning',
  absWorkingDir: ROOT,
}

const BUNDLES = {
  main: {
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: path.join(OUT, 'main/index.js'),
    format: 'esm',
    banner: { js: ESM_BANNER },
  },
  preload: {
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: path.join(OUT, 'preload/index.cjs'),
    format: 'cjs',
    // Sandboxed preloads may require only 'electron' and a few polyfilled Node modules.
    external: ['electron'],
  },
  worker: {
    ...common,
    entryPoints: ['electron/training/worker/worker.ts'],
    outfile: path.join(OUT, 'worker/trainingWorker.js'),
    format: 'esm',
    banner: { js: ESM_BANNER },
  },
  // The vision worker thread (face detection and photo prediction), started by main.
  vision: {
    ...common,
    entryPoints: ['electron/vision/visionWorker.ts'],
    outfile: path.join(OUT, 'worker/visionWorker.js'),
    format: 'esm',
    banner: { js: ESM_BANNER },
  },
  // The parallel engine starts its replica threads from `replicaWorker.js` beside the bundle.
  replica: {
    ...common,
    entryPoints: ['electron/training/worker/engine/replicaWorker.ts'],
    outfile: path.join(OUT, 'worker/replicaWorker.js'),
    format: 'esm',
    banner: { js: ESM_BANNER },
  },
  // The ONNX Runtime engine predicts in `ortSessionWorker.js` threads beside it.
  ortSession: {
    ...common,
    entryPoints: ['electron/training/worker/engine/onnx/ortSessionWorker.ts'],
    outfile: path.join(OUT, 'worker/ortSessionWorker.js'),
    format: 'esm',
    banner: { js: ESM_BANNER },
  },
  // ... and trains data-parallel in `ortShardWorker.js` threads (one per shard).
  ortShard: {
    ...common,
    entryPoints: ['electron/training/worker/engine/onnx/ortShardWorker.ts'],
    outfile: path.join(OUT, 'worker/ortShardWorker.js'),
    format: 'esm',
    banner: { js: ESM_BANNER },
  },
}

const names = ONLY === undefined ? Object.keys(BUNDLES) : ONLY.split(',')
for (const name of names) {
  if (!(name in BUNDLES)) {
    console.error(`--only must be one of ${Object.keys(BUNDLES).join(', ')}, got '${name}'`)
    process.exit(2)
  }
}
await Promise.all(names.map((name) => build(BUNDLES[name])))
console.log(
  `> bundled ${names.map((name) => path.relative(ROOT, BUNDLES[name].outfile)).join(', ')}`,
)
