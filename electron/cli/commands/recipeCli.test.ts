import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { Command } from 'commander'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ModelCard } from '../../../shared/domain/modelCard'
import { DEFAULT_RECIPE } from '../../../shared/domain/defaultRecipe'
import {
  TrainingConfig,
  type EvaluationResult,
  type RunSummary,
} from '../../../shared/domain/training'
import { openDatabase } from '../../db/openDatabase'
import { databasePath } from '../../services/dataDir'
import { FACE_SIZE, seedDataset, syntheticFace } from '../../training/main/trainerFixtures.testUtil'
import { createRng } from '../../training/worker/data/rng'
import type { CliIo } from '../cliIo'
import { runCli } from '../main'
import { registerEvaluateCommand } from './evaluateCommand'
import { registerPredictCommand } from './predictCommand'
import { buildConfig, registerTrainCommand } from './trainCommand'

let dir: string
let dataDir: string

async function cli(args: string[]) {
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

function helpOf(register: (program: Command, io: CliIo) => void, name: string): string {
  const program = new Command()
  register(program, { out: () => {}, err: () => {} } as never)
  const help = program.commands.find((c) => c.name() === name)?.helpInformation() ?? ''
  return help.replace(/\s+/g, ' ')
}

describe('the default recipe on the command line', () => {
  it("parses no flags to the contract's defaults, which are DEFAULT_RECIPE's", () => {
    const parsed = buildConfig({ dataset: 'faces' } as never)
    expect(parsed).toEqual(TrainingConfig.parse({}))
    expect(parsed).toMatchObject(DEFAULT_RECIPE)
  })

  it('says so in train --help, and offers --crop; evaluate and predict offer ten-crop', () => {
    const train = helpOf(registerTrainCommand, 'train')
    expect(train).toContain(`cosine or step[:EVERY] (default ${DEFAULT_RECIPE.lrSchedule.kind})`)
    expect(train).toContain(`epochs (default ${DEFAULT_RECIPE.epochs})`)
    expect(train).toContain('validation accuracy (default off)')
    expect(train).toMatch(/--crop <px> train on random PX x PX crops/)
    for (const help of [
      helpOf(registerEvaluateCommand, 'evaluate'),
      helpOf(registerPredictCommand, 'predict'),
    ]) {
      expect(help).toMatch(/--tta <mode>.*ten-crop/)
      expect(help).toContain(
        '(default: ten-crop for runs trained with --crop, flip otherwise; none for runs trained without flips',
      )
    }
  })

  it('takes --crop into the config, naming the flag when it is not a crop side', () => {
    expect(buildConfig({ crop: '44' } as never).crop).toBe(44)
    for (const bad of ['48', '12', 'big', '44.5']) {
      expect(() => buildConfig({ crop: bad } as never)).toThrow(/--crop must be a whole number/)
    }
  })
})

describe('fer-studio with random crops', () => {
  const fast = ['--model', 'tiny-cnn', '--backend', 'wasm', '--threads', '1', '--batch', '8']
  let image: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-cli-crop-'))
    dataDir = path.join(dir, 'data')
    fs.mkdirSync(dataDir)
    const db = openDatabase(databasePath(dataDir))
    seedDataset(db, { train: 3, validation: 1, test: 1 }, 'faces')
    db.close()
    image = path.join(dir, 'face.png')
    const face = Buffer.from(syntheticFace(5, createRng(2)))
    await sharp(face, { raw: { width: FACE_SIZE, height: FACE_SIZE, channels: 1 } })
      .resize(96, 96)
      .png()
      .toFile(image)
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('trains on 44px crops, evaluates and predicts with ten-crop by default, exports with a model card', async () => {
    const trained = await cli([
      'train',
      '--dataset',
      'faces',
      ...fast,
      '--epochs',
      '2',
      '--crop',
      '44',
      '--name',
      'crops',
      '--json',
    ])
    expect(trained.code).toBe(0)
    expect(trained.json<{ run: RunSummary }>().run).toMatchObject({
      status: 'completed',
      config: { crop: 44, lrSchedule: { kind: 'cosine' } },
    })

    const evaluated = await cli([
      'evaluate',
      '--run',
      'crops',
      '--split',
      'test',
      '--threads',
      '1',
      '--json',
    ])
    expect(evaluated.code).toBe(0)
    expect(evaluated.json<EvaluationResult>()).toMatchObject({ split: 'test', tta: 'ten-crop' })

    const onWasm = await cli([
      'predict',
      '--run',
      'crops',
      '--backend',
      'wasm',
      '--tta',
      'ten-crop',
      image,
      '--json',
    ])
    const onOrt = await cli([
      'predict',
      '--run',
      'crops',
      '--backend',
      'onnxruntime',
      '--tta',
      'ten-crop',
      image,
      '--json',
    ])
    expect([onWasm.code, onOrt.code]).toEqual([0, 0])
    const [a] = onWasm.json<Array<{ probabilities: number[] }>>()
    const [b] = onOrt.json<Array<{ probabilities: number[] }>>()
    a!.probabilities.forEach((p, k) => expect(p).toBeCloseTo(b!.probabilities[k]!, 5))
    const predict = (...args: string[]) =>
      cli(['predict', '--run', 'crops', '--backend', 'wasm', ...args, image, '--json']).then(
        (r) => r.json<Array<{ probabilities: number[] }>>()[0]!.probabilities,
      )
    // Without --tta a crop run predicts with ten-crop; --tta none gives the centre crop alone.
    expect(await predict()).toEqual(a!.probabilities)
    expect(await predict('--tta', 'none')).not.toEqual(a!.probabilities)

    const out = path.join(dir, 'export')
    const exported = await cli([
      'export-model',
      '--run',
      'crops',
      '--out',
      out,
      '--format',
      'onnx',
      '--json',
    ])
    expect(exported.code).toBe(0)
    const card = ModelCard.parse(
      JSON.parse(fs.readFileSync(path.join(out, 'model_card.json'), 'utf8')),
    )
    expect(card.splits.find((s) => s.split === 'test')).toMatchObject({
      evaluated: true,
      tta: 'ten-crop',
      accuracy: evaluated.json<EvaluationResult>().accuracy,
    })
    expect(fs.readFileSync(path.join(out, 'MODEL_CARD.md'), 'utf8')).toMatch(/random crop 44 px/)
  })

  it('uses flip by default for a run trained on whole faces (none without flips), and refuses ten-crop, saying why', async () => {
    expect(
      (await cli(['train', '--dataset', 'faces', ...fast, '--epochs', '1', '--name', 'whole']))
        .code,
    ).toBe(0)
    const evaluate = (...args: string[]) =>
      cli(['evaluate', '--run', 'whole', '--threads', '1', ...args, '--json']).then((r) =>
        r.json<EvaluationResult>(),
      )
    expect(await evaluate()).toMatchObject({ split: 'test', tta: 'flip' })
    expect(await evaluate('--tta', 'none')).toMatchObject({ split: 'test', tta: 'none' })
    const predict = (...args: string[]) =>
      cli(['predict', '--run', 'whole', '--backend', 'wasm', ...args, image, '--json']).then(
        (r) => r.json<Array<{ probabilities: number[] }>>()[0]!.probabilities,
      )
    const flipped = await predict('--tta', 'flip')
    expect(await predict()).toEqual(flipped)
    expect(await predict('--tta', 'none')).not.toEqual(flipped)
    // A run that never saw a mirrored face is evaluated plainly.
    const noFlip = ['--dataset', 'faces', ...fast, '--epochs', '1', '--no-flip', '--name', 'nf']
    expect((await cli(['train', ...noFlip])).code).toBe(0)
    const plain = await cli(['evaluate', '--run', 'nf', '--threads', '1', '--json'])
    expect(plain.json<EvaluationResult>()).toMatchObject({ split: 'test', tta: 'none' })
    const evaluated = await cli(['evaluate', '--run', 'whole', '--tta', 'ten-crop'])
    expect(evaluated.code).toBe(2)
    expect(evaluated.err).toMatch(/trained on whole faces, not random crops/)
    const predicted = await cli(['predict', '--run', 'whole', '--tta', 'ten-crop', image])
    expect(predicted.code).toBe(2)
    expect(predicted.err).toMatch(/train with --crop/)
    expect((await cli(['evaluate', '--run', 'whole', '--tta', 'five'])).err).toMatch(
      /--tta must be none, flip, ten-crop, not 'five'/,
    )
  })
})
