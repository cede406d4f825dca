import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../db/openDatabase'
import { databasePath } from '../../services/dataDir'
import { FACE_SIZE, seedDataset, syntheticFace } from '../../training/main/trainerFixtures.testUtil'
import { createRng } from '../../training/worker/data/rng'
import type { EpochLogs, EvaluationResult, RunSummary } from '../../../shared/domain/training'
import type { CliIo } from '../cliIo'
import { runCli } from '../main'
import { plainPng, samplePhotoPath } from '../../vision/visionFixtures.testUtil'
import { buildConfig } from './trainCommand'

let dir: string
let dataDir: string

/** Runs `fer-studio ...args` in-process against the test's data dir. */
async function cli(
  args: string[],
): Promise<{ code: number; out: string; err: string; json: <T>() => T }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    progressStream: null,
    env: { HOME: dir },
  }
  const code = await runCli(['node', 'fer-studio', ...args, '--data-dir', dataDir], io)
  return { code, out, err, json: <T>() => JSON.parse(out) as T }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-cli-train-'))
  dataDir = path.join(dir, 'data')
  fs.mkdirSync(dataDir)
  const db = openDatabase(databasePath(dataDir))
  seedDataset(db, { train: 3, validation: 1, test: 1 }, 'faces')
  db.close()
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('fer-studio train, runs, evaluate, export-model, predict', () => {
  it('trains, lists, evaluates, exports and predicts, all with --json', async () => {
    const fast = [
      '--model',
      'tiny-cnn',
      '--backend',
      'wasm',
      '--threads',
      '1',
      '--batch',
      '8',
      '--augment',
      'none',
    ]
    const trained = await cli([
      'train',
      '--dataset',
      'faces',
      ...fast,
      '--epochs',
      '2',
      '--name',
      'cli run',
      '--json',
    ])
    expect(trained.code).toBe(0)
    const result = trained.json<{
      run: RunSummary & { runDir?: string }
      epochs: EpochLogs[]
      evaluation: EvaluationResult | null
    }>()
    expect(result.run).toMatchObject({
      name: 'cli run',
      status: 'completed',
      epochsDone: 2,
      backend: 'wasm',
    })
    expect(result.run.runDir).toBeUndefined()
    expect(result.epochs).toHaveLength(2)
    expect(result.evaluation).toMatchObject({ split: 'validation' })
    expect(trained.err).toBe('')

    const runs = await cli(['runs', '--dataset', 'faces', '--json'])
    expect(runs.json<unknown>()).toEqual([
      expect.objectContaining({ id: result.run.id, status: 'completed' }),
    ])
    expect((await cli(['runs'])).out).toMatch(/cli run\s+faces\s+tiny-cnn\s+completed\s+2\/2/)

    const evaluated = await cli([
      'evaluate',
      '--run',
      'cli run',
      '--split',
      'test',
      '--threads',
      '1',
      '--json',
    ])
    expect(evaluated.code).toBe(0)
    expect(evaluated.json<EvaluationResult>().perClass.map((m) => m.support)).toEqual([
      1, 1, 1, 1, 1, 1, 1,
    ])

    const out = path.join(dir, 'export')
    const exported = await cli(['export-model', '--run', 'cli run', '--out', out, '--json'])
    expect(exported.json<{ files: string[] }>().files).toEqual([
      'MODEL_CARD.md',
      'fer-studio-input.json',
      'fer-studio.json',
      'model.json',
      'model_card.json',
      'weights.bin',
    ])
    expect((await cli(['export-model', '--run', 'cli run', '--out', out])).code).toBe(4)
    const onnx = await cli([
      ...['export-model', '--run', 'cli run', '--out', out, '--format', 'onnx', '--json'],
    ])
    expect(onnx.json<{ files: string[] }>().files).toEqual([
      'MODEL_CARD.md',
      'model.onnx',
      'model_card.json',
    ])
    expect(fs.existsSync(path.join(out, 'model.onnx'))).toBe(true)
    const badFormat = await cli([
      'export-model',
      '--run',
      'cli run',
      '--out',
      out,
      '--format',
      'pt',
    ])
    expect(badFormat.err).toMatch(/Unknown format 'pt' \(known: tfjs, onnx\)/)

    const image = path.join(dir, 'happy.png')
    const face = Buffer.from(syntheticFace(3, createRng(5)))
    await sharp(face, { raw: { width: FACE_SIZE, height: FACE_SIZE, channels: 1 } })
      .resize(96, 96)
      .png()
      .toFile(image)
    const predicted = await cli([
      'predict',
      '--run',
      'cli run',
      '--backend',
      'wasm',
      image,
      '--json',
    ])
    expect(predicted.code).toBe(0)
    const onOrt = await cli([
      'predict',
      '--run',
      'cli run',
      '--backend',
      'onnxruntime',
      image,
      '--json',
    ])
    expect(onOrt.code).toBe(0)
    const [ortFace] = onOrt.json<Array<{ probabilities: number[] }>>()
    const [tfjsFace] = predicted.json<Array<{ probabilities: number[] }>>()
    ortFace!.probabilities.forEach((p, k) => expect(p).toBeCloseTo(tfjsFace!.probabilities[k]!, 5))
    expect(predicted.json<unknown>()).toEqual([
      expect.objectContaining({
        file: image,
        label: expect.any(String),
        probabilities: expect.any(Array),
      }),
    ])

    // --detect: one record per face of a real group photo, a note for a photo without faces.
    const plain = path.join(dir, 'plain.png')
    fs.writeFileSync(plain, await plainPng(320, 240, 180))
    const group = samplePhotoPath(1)
    const detected = await cli(['predict', '--run', 'cli run', '--detect', group, plain, '--json'])
    expect(detected.code).toBe(0)
    const records =
      detected.json<Array<{ file: string; face: number | null; probabilities?: number[] }>>()
    expect(records.filter((r) => r.file === group)).toEqual(
      [0, 1, 2].map((face) =>
        expect.objectContaining({
          face,
          box: {
            x: expect.any(Number),
            y: expect.any(Number),
            width: expect.any(Number),
            height: expect.any(Number),
          },
          label: expect.any(String),
          probabilities: expect.arrayContaining([expect.any(Number)]),
        }),
      ),
    )
    expect(records.at(-1)).toEqual({ file: plain, face: null, error: 'no face found' })
    for (const { probabilities = [] } of records.slice(0, 3)) {
      expect(probabilities).toHaveLength(7)
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4)
    }
    expect((await cli(['predict', '--run', 'cli run', '--detect', group])).out).toMatch(
      /sample1\.jpg\s+3\s+\d+ \d+ \d+ \d+\s+\w+\s+\d/,
    )
  })

  it('refuses bad settings and unknown names with clear errors and exit codes', async () => {
    const bad = await cli(['train', '--dataset', 'faces', '--augment', 'wild'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--augment must be none, default or strong/)
    expect((await cli(['train', '--dataset', 'faces', '--epochs', '0', '--json'])).err).toMatch(
      /"code":"INVALID_INPUT"/,
    )
    expect((await cli(['train', '--dataset', 'nope'])).code).toBe(3)
    expect((await cli(['train'])).err).toMatch(/either --dataset <dataset> or --resume <run>/)
    expect((await cli(['evaluate', '--run', 'ghost'])).code).toBe(3)
    expect((await cli(['evaluate', '--run', 'ghost', '--split', 'all'])).err).toMatch(
      /--split must be/,
    )
  })

  it('lists the model presets with their counts', async () => {
    const models = await cli(['models', '--json'])
    expect(models.json<unknown>()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'seed-cnn',
          params: 4_496_903,
          trainableParams: 4_492_935,
        }),
      ]),
    )
    expect((await cli(['models'])).out).toMatch(/seed-cnn\s+4,496,903\s+4,492,935/)
  })
})

describe('buildConfig', () => {
  it('maps presets and per-transform flags to the augmentation config', () => {
    expect(buildConfig({ augment: 'none' }).augment).toBeNull()
    expect(buildConfig({}).augment).toMatchObject({ flip: true, rotationDeg: 10 })
    expect(buildConfig({ augment: 'strong', rotation: '30' }).augment).toMatchObject({
      rotationDeg: 30,
      zoom: 0.2,
    })
    expect(buildConfig({ augment: 'none', flip: true })).toMatchObject({
      augment: { flip: true, rotationDeg: 0, noise: 0 },
    })
  })

  it('maps balance modes, schedules and early stopping', () => {
    expect(buildConfig({ balance: 'both' }).balance).toEqual({
      classWeights: 'balanced',
      oversampleTo: 'max',
    })
    expect(buildConfig({ balance: 'weights' }).balance).toEqual({
      classWeights: 'balanced',
      oversampleTo: null,
    })
    expect(buildConfig({ balance: 'oversample', oversampleTo: '500' }).balance).toEqual({
      classWeights: 'none',
      oversampleTo: 500,
    })
    expect(buildConfig({ lrSchedule: 'step:3' }).lrSchedule).toEqual({
      kind: 'step',
      every: 3,
      factor: 0.5,
    })
    expect(buildConfig({ earlyStopping: '4' }).earlyStopping).toEqual({
      patience: 4,
      restoreBest: true,
    })
    expect(buildConfig({}).model).toBe('fast-cnn')
    expect(() => buildConfig({ lr: 'fast' })).toThrow(/--lr must be a number/)
    expect(() => buildConfig({ balance: 'all' })).toThrow(/--balance must be one of/)
  })
})
