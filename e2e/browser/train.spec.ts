import { seedCsvDataset } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { StudioApp } from '../pages/StudioApp'
import { TrainPage } from '../pages/TrainPage'

test('trains tiny-cnn from the Train screen while the charts receive points', async ({
  page,
  studio,
}) => {
  test.setTimeout(240_000)
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'train', 40)
  const app = new StudioApp(page)
  const train = new TrainPage(page)
  await app.open(studio.url)
  await app.pickDataset(dataset.name)
  await app.goTo('train')

  await train.choosePreset('tiny-cnn')
  await train.setEpochs(4)
  await train.setBatchSize(32)
  await train.start('e2e tiny run')

  await expect(train.status).toHaveAttribute('data-status', /running|completed/, {
    timeout: 60_000,
  })
  // Points arrive while it runs: the loss chart gets some, then more.
  await expect.poll(() => train.chartPoints('chart-loss'), { timeout: 120_000 }).toBeGreaterThan(0)
  const early = await train.chartPoints('chart-loss')
  await expect
    .poll(() => train.chartPoints('chart-loss'), { timeout: 120_000 })
    .toBeGreaterThan(early)
  await expect(train.status).toHaveAttribute('data-status', 'completed', { timeout: 180_000 })
  expect(await train.chartPoints('chart-accuracy')).toBeGreaterThan(0)

  const [run] = await studio.api.call('training.listRuns', { datasetId: dataset.id })
  expect(run).toMatchObject({ name: 'e2e tiny run', status: 'completed', epochsDone: 4 })
  expect(run?.config.model).toBe('tiny-cnn')
})
