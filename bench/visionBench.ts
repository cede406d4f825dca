import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { createDefaultBackendLoaders } from '../electron/training/worker/backend/backendLoaders'
import { selectBackend } from '../electron/training/worker/backend/selectBackend'
import { measureCamera } from './vision/cameraPipeline'
import {
  type DetectorScore,
  loadDetectors,
  scoreOnFer2013,
  scoreOnSamples,
} from './vision/detectorComparison'

/**
 * `npm run bench:vision`: (1) the face detectors compared (faces found, false positives, time per
 * photo) on real group photos shipped in @vladmandic/face-api and, where ../shared/data exists,
 * on FER2013 faces placed on plain backgrounds, with where BlazeFace's box sits against the
 * FER2013 crop; (2) the webcam path: frames per second through the vision worker with detection
 * and each model preset asked for (default fast-cnn; target 15). Writes bench/results/vision.json.
 *
 *   npm run bench:vision -- [--models fast-cnn,seed-cnn] [--seconds 20] [--data ../shared/data]
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'fast-cnn' },
    seconds: { type: 'string', default: '20' },
    data: { type: 'string', default: path.join(root, '..', 'shared', 'data') },
  },
})

await selectBackend({ preference: 'wasm', loaders: createDefaultBackendLoaders() })
const detectors = await loadDetectors((m) => console.log(m))
const scores: DetectorScore[] = []
for (const [name, detect] of Object.entries(detectors)) {
  scores.push(await scoreOnSamples(name, detect))
  const fer = await scoreOnFer2013(name, detect, args.data)
  if (fer) scores.push(fer)
}
for (const s of scores) {
  console.log(
    `${s.detector.padEnd(36)} ${s.set.padEnd(36)} found ${s.found}/${s.faces}, ` +
      `${s.falsePositives} false, ${s.msPerPhoto.toFixed(0)} ms/photo` +
      (s.boxToCrop ? `, box/crop side ${s.boxToCrop.side}, centre dy ${s.boxToCrop.dy}` : ''),
  )
}

const camera = []
for (const model of args.models.split(','))
  for (const every of [1, 3]) {
    const figures = await measureCamera(model, Number(args.seconds), every)
    console.log(
      `camera ${model}, detector on 1 frame in ${every}: ${figures.framesPerSecond} frames/s (median ${figures.msPerFrameMedian} ms, ` +
        `p95 ${figures.msPerFrameP95} ms, worker ${figures.workerMsMedian} ms), ${figures.facesPerFrame} faces/frame`,
    )
    camera.push(figures)
  }

await mkdir(path.join(root, 'bench', 'results'), { recursive: true })
await writeFile(
  path.join(root, 'bench', 'results', 'vision.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      loadAverage: os.loadavg(),
      detectors: scores,
      camera,
      targetFramesPerSecond: 15,
    },
    null,
    2,
  ) + '\n',
)
process.exit(0)
