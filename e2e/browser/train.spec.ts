import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { Page } from '@playwright/test'

import { seedCsvDataset } from '../fixtures/seed'
import { expect, test, type Studio } from '../fixtures/studio'
import { StudioApp } from '../pages/StudioApp'
import { TrainPage } from '../pages/TrainPage'

/** A fresh dataset of `faces` CSV faces, picked in the studio, with the Train screen open. */
async function openTrainScreen(page: Page, studio: Studio, name: string, faces: number) {
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, name, faces)
  const app = new StudioApp(page)
  await app.open(studio.url)
  await app.pickDataset(dataset.name)
  await app.goTo('train')
  return { dataset, train: new TrainPage(page) }
}

test('trains tiny-cnn from the Train screen while the charts receive points', async ({
  page,
  studio,
}) => {
  test.setTimeout(240_000)
  const { dataset, train } = await openTrainScreen(page, studio, 'train', 40)

  // The screen draws live points at most 4 times a second; on ONNX Runtime a tiny-cnn epoch of
  // these faces takes milliseconds, so the run needs enough epochs to last a few redraws.
  await train.choosePreset('tiny-cnn')
  await train.setEpochs(40)
  await train.disableEarlyStopping()
  await train.setBatchSize(32)
  await train.recordChart('chart-loss')
  await train.start('e2e tiny run')

  await expect(train.status).toHaveAttribute('data-status', 'completed', { timeout: 180_000 })
  expect(await train.chartPoints('chart-accuracy')).toBeGreaterThan(0)
  // The points arrived while it ran, not all at the end: the loss chart grew at least twice
  // while the header said "running" (recorded in the page, so a fast run cannot race the test).
  const live = (await train.chartSamples()).filter((s) => s.status === 'running' && s.points > 0)
  expect(new Set(live.map((s) => s.points)).size).toBeGreaterThanOrEqual(2)

  const [run] = await studio.api.call('training.listRuns', { datasetId: dataset.id })
  expect(run).toMatchObject({ name: 'e2e tiny run', status: 'completed', epochsDone: 40 })
  expect(run?.config.model).toBe('tiny-cnn')

  // The finished run's model goes out as ONNX from the same screen.
  const out = path.join(studio.scratchDir, 'onnx-export')
  await train.exportModel('onnx', out)
  expect(existsSync(path.join(out, 'model.onnx'))).toBe(true)
  // With its model card beside it, in words and as JSON.
  expect(existsSync(path.join(out, 'MODEL_CARD.md'))).toBe(true)
  const card = JSON.parse(readFileSync(path.join(out, 'model_card.json'), 'utf8')) as {
    run: { name: string }
    format: string
  }
  expect(card).toMatchObject({ run: { name: 'e2e tiny run' }, format: 'onnx' })
})

test('pauses, resumes and stops a run from the Train screen', async ({ page, studio }) => {
  test.setTimeout(240_000)
  const { dataset, train } = await openTrainScreen(page, studio, 'control', 40)

  // Long enough that it cannot finish before the controls are used: on ONNX Runtime a tiny-cnn
  // epoch of these faces takes milliseconds and early stopping would end the run first.
  await train.choosePreset('fast-cnn')
  await train.setEpochs(1000)
  await train.disableEarlyStopping()
  await train.setBatchSize(32)
  await train.start('e2e control run')
  await expect.poll(() => train.chartPoints('chart-loss'), { timeout: 60_000 }).toBeGreaterThan(0)

  await train.pause()
  await expect(train.status).toHaveAttribute('data-status', 'paused', { timeout: 30_000 })
  const whilePaused = await train.chartPoints('chart-loss')
  await page.waitForTimeout(1_500)
  expect(await train.chartPoints('chart-loss')).toBe(whilePaused)

  await train.resume()
  await expect(train.status).toHaveAttribute('data-status', 'running', { timeout: 30_000 })
  await expect
    .poll(() => train.chartPoints('chart-loss'), { timeout: 60_000 })
    .toBeGreaterThan(whilePaused)

  await train.stop()
  await expect(train.status).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 })
  const [run] = await studio.api.call('training.listRuns', { datasetId: dataset.id })
  expect(run).toMatchObject({ name: 'e2e control run', status: 'cancelled' })
  expect(run?.epochsDone).toBeLessThan(1000)
})

test("estimates a machine's first run with a speed probe, then from the stored probe", async ({
  page,
  studio,
}) => {
  test.setTimeout(120_000)
  const { train } = await openTrainScreen(page, studio, 'probe', 20)
  await train.choosePreset('tiny-cnn')

  // No run has trained here: the screen says it measures, then what the estimate rests on.
  await expect(train.estimate).toHaveText(/^Measuring speed…/, { timeout: 30_000 })
  await expect(train.estimate).toHaveText(
    /^About .+: 10 epochs × .+ faces at .+ faces\/s, measured by a \d+-second probe of tiny-cnn on \w+/,
    { timeout: 60_000 },
  )
  // Stored: other settings of the same model are estimated at once, without measuring again.
  await train.setEpochs(3)
  await expect(train.estimate).toHaveText(/^About .+: 3 epochs × .+probe of tiny-cnn/)
  await expect(train.estimate).toHaveAttribute('data-state', 'estimate')
})
