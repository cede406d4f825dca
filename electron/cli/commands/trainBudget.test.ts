import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { EpochLogs, EvaluationResult, RunSummary } from '../../../shared/domain/training'
import { openDatabase } from '../../db/openDatabase'
import { databasePath } from '../../services/dataDir'
import { seedDataset } from '../../training/main/trainerFixtures.testUtil'
import type { CliIo } from '../cliIo'
import { runCli } from '../main'

const BUDGET_MS = 6000

let dir: string
let dataDir: string

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-cli-budget-'))
  dataDir = path.join(dir, 'data')
  fs.mkdirSync(dataDir)
  const db = openDatabase(databasePath(dataDir))
  seedDataset(db, { train: 20, validation: 4 }, 'faces')
  db.close()
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('fer-studio train --budget', () => {
  it('trains until the time is spent, ends on time and keeps the best epoch', async () => {
    let out = ''
    const io: CliIo = {
      out: (text) => void (out += text),
      err: () => undefined,
      progressStream: null,
      env: { HOME: dir },
    }
    // Without flips the end-of-run evaluation is plain (no TTA), so it can be held to the best
    // epoch's own validation accuracy below.
    const args = ['--model', 'tiny-cnn', '--backend', 'wasm', '--threads', '1', '--batch', '16']
    args.push('--no-flip')
    const started = performance.now()
    const code = await runCli(
      [
        'node',
        'fer-studio',
        'train',
        '--dataset',
        'faces',
        ...args,
        '--budget',
        '6s',
        '--lr-schedule',
        'cosine',
        '--json',
        '--data-dir',
        dataDir,
      ],
      io,
    )
    const wallMs = performance.now() - started
    expect(code).toBe(0)
    const result = JSON.parse(out) as {
      run: RunSummary
      epochs: EpochLogs[]
      evaluation: EvaluationResult
    }
    const last = result.epochs.at(-1)!
    // Training time as the run counts it: spent, not overspent.
    expect(last.elapsedMs).toBeGreaterThan(BUDGET_MS - 2500)
    expect(last.elapsedMs).toBeLessThanOrEqual(BUDGET_MS + 300)
    // The whole command, worker start and final evaluation included.
    expect(wallMs).toBeLessThan(BUDGET_MS + 10_000)
    expect(result.run.status).toBe('completed')
    expect(result.epochs.length).toBeGreaterThanOrEqual(2)
    expect(result.epochs.length).toBeLessThan(result.run.config.epochs)
    // Cosine over the time: each epoch starts at a lower rate than the one before.
    const rates = result.epochs.map((e) => e.learningRate)
    rates.slice(1).forEach((rate, i) => expect(rate).toBeLessThan(rates[i]!))
    expect(rates[0]).toBe(result.run.config.learningRate)
    // The best epoch's weights are what the run ends with: evaluating them gives its accuracy.
    const best = Math.max(...result.epochs.map((e) => e.valAccuracy ?? 0))
    expect(result.run.bestValAccuracy).toBe(best)
    expect(result.evaluation.epoch).toBe(result.run.bestEpoch)
    expect(result.evaluation.tta).toBe('none')
    const bestLogs = result.epochs.find((e) => e.epoch === result.run.bestEpoch)!
    expect(result.evaluation.accuracy).toBeCloseTo(bestLogs.valAccuracy!, 10)
  }, 60_000)
})
