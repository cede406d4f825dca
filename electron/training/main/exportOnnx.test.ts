import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import * as ort from 'onnxruntime-node'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EMOTIONS } from '../../../shared/domain/emotion'

import { stepOnce } from '../worker/callbacks/engine.testUtil'
import { createComputeEngine } from '../worker/engine/createComputeEngine'
import { readModelMetadata } from '../worker/engine/onnx/onnxBuilder'
import type { ComputeEngine } from '../worker/engine/types'
import { exportModel } from './exportModel'
import { loadFacePredictor, predictFiles } from './predictFiles'
import { runFiles } from '../common/protocol'
import { FACE_SIZE, syntheticSnapshot } from './trainerFixtures.testUtil'

const faces = syntheticSnapshot({ test: 2 }, 5)
const x = Float32Array.from(faces.pixels, (v) => v / 255)
const AREA = FACE_SIZE * FACE_SIZE

let dir: string
let engine: ComputeEngine
let run: { id: number; name: string; runDir: string; config: { model: string } }

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-onnx-export-'))
  // The studio's own predictions come from its tfjs model (wasm), trained a step so BatchNorm
  // statistics and weights are no longer their initial values.
  engine = await createComputeEngine({ model: 'fast-cnn', backend: 'wasm', seed: 3, maxThreads: 1 })
  await stepOnce(engine)
  await stepOnce(engine)
  run = { id: 9, name: 'onnx-run', runDir: path.join(dir, 'run'), config: { model: 'fast-cnn' } }
  await engine.saveModel(runFiles(run.runDir).model)
})
afterAll(async () => {
  await engine.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe("exportModel(format: 'onnx')", () => {
  it('writes a model.onnx that onnxruntime-node runs on faces like the studio predicts', async () => {
    const result = await exportModel(run, path.join(dir, 'out'), 'onnx')
    expect(result.files).toEqual(['model.onnx'])
    const file = path.join(result.dir, 'model.onnx')

    const session = await ort.InferenceSession.create(file)
    expect(session.inputNames).toEqual(['faces'])
    expect(session.outputNames).toEqual(['probabilities'])
    const input = new ort.Tensor('float32', x, [faces.count, FACE_SIZE, FACE_SIZE, 1])
    const out = await session.run({ faces: input })
    const actual = out.probabilities!.data as Float32Array
    const expected = await engine.predict(x, faces.count)
    expect(actual).toHaveLength(faces.count * 7)
    const worst = expected.reduce((m, p, i) => Math.max(m, Math.abs(p - actual[i]!)), 0)
    expect(worst).toBeLessThan(1e-5)
    await session.release()

    const metadata = readModelMetadata(readFileSync(file))
    expect(JSON.parse(metadata.labels!)).toEqual([...EMOTIONS])
    expect(metadata).toMatchObject({
      input_name: 'faces',
      input_layout: 'NHWC',
      output_name: 'probabilities',
      input_shape: '["batch",48,48,1]',
    })
    expect(metadata.preprocessing).toMatch(/divided by 255/)
    expect(JSON.parse(metadata.run!)).toEqual({ id: 9, name: 'onnx-run', model: 'fast-cnn' })
  })

  it('refuses to overwrite a model.onnx, and a run without a model', async () => {
    await expect(exportModel(run, path.join(dir, 'out'), 'onnx')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already holds a model.onnx/),
    })
    await expect(
      exportModel({ ...run, runDir: path.join(dir, 'none') }, path.join(dir, 'out3'), 'onnx'),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})

describe('predictFiles on ONNX Runtime', () => {
  it('predicts image files like the tfjs model does, errors kept per file', async () => {
    const images = path.join(dir, 'images')
    mkdirSync(images, { recursive: true })
    const files = [0, 5, 9].map((i) => path.join(images, `face${i}.png`))
    await Promise.all(
      [0, 5, 9].map((face, k) =>
        sharp(Buffer.from(faces.pixels.subarray(face * AREA, (face + 1) * AREA)), {
          raw: { width: FACE_SIZE, height: FACE_SIZE, channels: 1 },
        })
          .png()
          .toFile(files[k]!),
      ),
    )
    const junk = path.join(images, 'junk.png')
    writeFileSync(junk, 'not an image')
    const modelDir = runFiles(run.runDir).model
    const withOrt = await predictFiles(modelDir, [files[0]!, junk, files[1]!, files[2]!], {
      onnx: true,
    })
    const withTfjs = await predictFiles(modelDir, [files[0]!, junk, files[1]!, files[2]!])
    const onOrt = await loadFacePredictor(modelDir, { onnx: true })
    expect(onOrt.runtime).toBe('onnxruntime')
    await onOrt.dispose()
    expect(withOrt[1]).toMatchObject({ file: junk, error: expect.any(String) })
    for (const i of [0, 2, 3]) {
      const a = withOrt[i]!
      const b = withTfjs[i]!
      if (!('probabilities' in a) || !('probabilities' in b)) throw new Error('unexpected error')
      expect(a.label).toBe(b.label)
      a.probabilities.forEach((p, k) =>
        expect(Math.abs(p - b.probabilities[k]!)).toBeLessThan(1e-5),
      )
    }
  })
})
