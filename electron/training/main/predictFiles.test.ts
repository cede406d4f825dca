import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { decodeFace } from '../../imaging/decodeFace'
import { BLACK, GRAY, WHITE, threeBandPng } from '../../imaging/threeBandPng.testUtil'

import { centreCropFaces } from '../common/faceViews'
import { writeModelInput } from '../common/modelInput'
import { saveLayersModelToDir } from '../common/models/layersModelFiles'
import { getModelDefinition } from '../common/models/registry'
import * as tf from '../common/tf'
import { loadFacePredictor, readFaceImage } from './predictFiles'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('readFaceImage', () => {
  it('centre-crops a non-square file like imports do, scaled to 0..1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'predict-'))
    dirs.push(dir)
    const file = path.join(dir, 'wide.png')
    fs.writeFileSync(file, await threeBandPng())
    const input = await readFaceImage(file, 48)
    const middleRow = Array.from(input.subarray(24 * 48, 25 * 48), (v) => Math.round(v * 255))
    expect(middleRow).toEqual([
      ...Array<number>(8).fill(BLACK),
      ...Array<number>(32).fill(WHITE),
      ...Array<number>(8).fill(GRAY),
    ])
    const imported = await decodeFace(file, 48)
    expect(Array.from(input, (v) => Math.round(v * 255))).toEqual(Array.from(imported))
  })
})

describe('loadFacePredictor on a model trained on 44px crops of 48px faces', () => {
  const faces = [0, 1, 2].map((k) =>
    Uint8Array.from({ length: 48 * 48 }, (_, i) => (i * (k + 3)) % 256),
  )

  async function savedCropModel(): Promise<{ dir: string; model: tf.LayersModel }> {
    await tf.setBackend('cpu')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'predict-crop-'))
    dirs.push(dir)
    const model = getModelDefinition('tiny-cnn', 44).build(4)
    await saveLayersModelToDir(model, dir)
    await writeModelInput(dir, { faceSize: 48, inputSize: 44 })
    return { dir, model }
  }

  it('takes 48px faces and predicts their centre crops, on tfjs and on ONNX Runtime alike', async () => {
    const { dir, model } = await savedCropModel()
    const x = new Float32Array(3 * 48 * 48)
    faces.forEach((f, k) =>
      x.set(
        Float32Array.from(f, (v) => v / 255),
        k * 48 * 48,
      ),
    )
    const expected = tf.tidy(() =>
      Array.from(
        (
          model.predict(tf.tensor4d(centreCropFaces(x, 3, 48, 44), [3, 44, 44, 1])) as tf.Tensor
        ).dataSync(),
      ),
    )
    model.dispose()
    for (const onnx of [false, true]) {
      const predictor = await loadFacePredictor(dir, { onnx })
      expect(predictor).toMatchObject({ size: 48, inputSize: 44 })
      const got = await predictor.predict(faces)
      got.forEach((p, k) =>
        p.probabilities.forEach((v, c) => expect(v).toBeCloseTo(expected[k * 7 + c]!, 5)),
      )
      await predictor.dispose()
    }
  })

  it('averages ten crops with ten-crop, the same on tfjs and ONNX Runtime', async () => {
    const { dir, model } = await savedCropModel()
    model.dispose()
    const tfjs = await loadFacePredictor(dir)
    const ort = await loadFacePredictor(dir, { onnx: true })
    const plain = await tfjs.predict(faces)
    const a = await tfjs.predict(faces, 'ten-crop')
    const b = await ort.predict(faces, 'ten-crop')
    a.forEach((p, k) =>
      p.probabilities.forEach((v, c) => expect(v).toBeCloseTo(b[k]!.probabilities[c]!, 5)),
    )
    expect(a.map((p) => p.probabilities)).not.toEqual(plain.map((p) => p.probabilities))
    await tfjs.dispose()
    await ort.dispose()
  })
})
