import { seedCsvDataset, seedRun } from '../fixtures/seed'
import { groupPhoto } from '../fixtures/samplePhotos'
import { expect, test } from '../fixtures/studio'
import { PredictPage } from '../pages/PredictPage'
import { StudioApp } from '../pages/StudioApp'

test('a photo shows every face boxed with its expression; a face goes into a dataset', async ({
  page,
  studio,
}) => {
  test.setTimeout(240_000)
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'predict', 10)
  await seedRun(studio.api, dataset.id, { model: 'tiny-cnn', epochs: 1, batchSize: 32 })

  const app = new StudioApp(page)
  const predict = new PredictPage(page)
  await app.open(studio.url)
  await app.goTo('predict')
  await predict.openPhotos([groupPhoto()])
  await expect(predict.photos.first()).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(predict.photos.first().getByTestId('predict-photo-status')).toContainText('3 faces')
  await expect(predict.boxes).toHaveCount(3)

  // The first face is selected: its seven probabilities are shown, the predicted one first.
  await expect(predict.bars.locator('li')).toHaveCount(7)
  const predicted = await predict.boxes.first().getAttribute('data-label')
  await expect(predict.bars.locator('li.emphasis')).toContainText(predicted ?? '')

  // Pick the second face and file it under "surprise" in the seeded dataset.
  await predict.boxes.nth(1).click()
  await expect(page.getByTestId('predict-face')).toContainText('Face 2 of 3')
  await predict.addForm.getByTestId('add-face-label').selectOption('surprise')
  await predict.addForm.getByTestId('add-face-submit').click()
  await expect(page.getByText(/Face added as surprise/)).toBeVisible()
  const after = await studio.api.call('datasets.get', { datasetId: dataset.id })
  expect(after.faceCount).toBe(dataset.faceCount + 1)
  expect(after.counts.train[5]).toBe(dataset.counts.train[5]! + 1)
})
