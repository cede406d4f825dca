import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import * as tf from '../common/tf'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stepOnce } from '../worker/callbacks/engine.testUtil'
import { createComputeEngine } from '../worker/engine/createComputeEngine'
import type { ComputeEngine } from '../worker/engine/types'
import { exportModel, METADATA_FILE } from './exportModel'
import { predictFiles } from './predictFiles'
import { runFiles } from '../common/protocol'
import { FACE_SIZE, syntheticSnapshot } from './trainerFixtures.testUtil'

const faces = syntheticSnapshot({ test: 1 }, 21)
const AREA = FACE_SIZE * FACE_SIZE
const x = Float32Array.from(faces.pixels, (v) => v / 255)

let dir: string
let engine: ComputeEngine
let run: { id: number; name: string; runDir: string; config: { model: string } }
let server: Server

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-export-'))
  engine = await createComputeEngine({ model: 'tiny-cnn', backend: 'wasm', seed: 8, maxThreads: 1 })
  await stepOnce(engine)
  run = { id: 4, name: 'exported', runDir: path.join(dir, 'run'), config: { model: 'tiny-cnn' } }
  await engine.saveModel(runFiles(run.runDir).model)
  // Serves the export folder the way a web page would load the model.
  server = createServer((req, res) => {
    try {
      res.end(readFileSync(path.join(dir, 'out', path.basename(req.url ?? ''))))
    } catch {
      res.statusCode = 404
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  await engine.dispose()
  server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('exportModel', () => {
  it('writes a folder that tf.loadLayersModel loads over HTTP and that predicts like the engine', async () => {
    const result = await exportModel(run, path.join(dir, 'out'))
    expect(result.files).toEqual(['fer-studio.json', 'model.json', 'weights.bin'])
    const metadata = JSON.parse(readFileSync(path.join(result.dir, METADATA_FILE), 'utf8'))
    expect(metadata.labels).toEqual([
      'angry',
      'disgust',
      'fear',
      'happy',
      'sad',
      'surprise',
      'neutral',
    ])
    expect(metadata.input.shape).toEqual([null, 48, 48, 1])

    const { port } = server.address() as AddressInfo
    const model = await tf.loadLayersModel(`http://127.0.0.1:${port}/model.json`)
    const loaded = model.predict(
      tf.tensor4d(x, [faces.count, FACE_SIZE, FACE_SIZE, 1]),
    ) as tf.Tensor
    const expected = await engine.predict(x, faces.count)
    const actual = await loaded.data()
    expected.forEach((p, i) => expect(actual[i]).toBeCloseTo(p, 5))
    tf.dispose([loaded])
    model.dispose()
  })

  it('refuses a folder holding another model, and a run without a model', async () => {
    await expect(exportModel(run, path.join(dir, 'out'))).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await expect(
      exportModel({ ...run, runDir: path.join(dir, 'nothing') }, path.join(dir, 'out2')),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    })
  })
})

describe('predictFiles', () => {
  it('predicts image files of any format and size, and names the ones it cannot read', async () => {
    const images = path.join(dir, 'images')
    mkdirSync(images, { recursive: true })
    const face = Buffer.from(faces.pixels.subarray(3 * AREA, 4 * AREA))
    const png = path.join(images, 'face.png')
    await sharp(face, { raw: { width: FACE_SIZE, height: FACE_SIZE, channels: 1 } })
      .png()
      .toFile(png)
    const jpeg = path.join(images, 'big.jpg')
    await sharp(face, { raw: { width: FACE_SIZE, height: FACE_SIZE, channels: 1 } })
      .resize(96, 96)
      .toColourspace('srgb')
      .jpeg()
      .toFile(jpeg)
    const junk = path.join(images, 'junk.png')
    writeFileSync(junk, 'not an image')

    const results = await predictFiles(runFiles(run.runDir).model, [png, jpeg, junk])
    const expected = await engine.predict(x.subarray(3 * AREA, 4 * AREA), 1)
    const first = results[0]!
    if (!('probabilities' in first)) throw new Error(`unexpected error ${JSON.stringify(first)}`)
    first.probabilities.forEach((p, k) => expect(p).toBeCloseTo(expected[k]!, 5))
    expect(first.confidence).toBe(Math.max(...first.probabilities))
    expect(results[1]).toMatchObject({ file: jpeg, label: expect.any(String) })
    expect(results[2]).toMatchObject({
      file: junk,
      error: expect.stringMatching(/unsupported image format|Input/i),
    })
  })
})
