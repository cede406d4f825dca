import { seedCsvDataset, seedRun } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { PresentPage } from '../pages/PresentPage'
import { StudioApp } from '../pages/StudioApp'

test('Present mode replays a finished run epoch by epoch from the keyboard', async ({
  page,
  studio,
}) => {
  test.setTimeout(240_000)
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'present', 12)
  await seedRun(studio.api, dataset.id, {
    model: 'tiny-cnn',
    epochs: 4,
    batchSize: 16,
    learningRate: 0.01,
  })

  await page.setViewportSize({ width: 1024, height: 768 })
  const app = new StudioApp(page)
  const present = new PresentPage(page)
  await app.open(studio.url)
  await app.goTo('present')
  await expect(present.stage).toBeVisible()
  await expect(present.epoch).toHaveText(/Epoch 1\s*\/ 4/)
  // The whole window, nothing of the studio's chrome showing around it.
  const box = await present.stage.boundingBox()
  expect(box).toMatchObject({ x: 0, y: 0, width: 1024, height: 768 })
  await expect(present.faces).toHaveCount(8)
  await expect(present.predictions).toHaveCount(8)
  await expect(page.getByTestId('present-matrix').locator('tbody tr')).toHaveCount(7)
  const first = await present.predictedLabels()

  // Arrows step; curves grow by one point per epoch.
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(present.epoch).toHaveText(/Epoch 3\s*\/ 4/)
  await expect(page.getByTestId('present-loss').locator('[data-series="train"]')).toHaveAttribute(
    'data-points',
    '3',
  )
  await page.keyboard.press('ArrowLeft')
  await expect(present.epoch).toHaveText(/Epoch 2\s*\/ 4/)

  // Faster, then Space plays to the last epoch and stops there.
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await expect(page.getByTestId('present-speed')).toHaveText('4× speed')
  await page.keyboard.press(' ')
  await expect(present.epoch).toHaveText(/Epoch 4\s*\/ 4/)
  await expect(page.getByTestId('present-play')).toHaveText(/Play/)
  const last = await present.predictedLabels()
  expect(last).toHaveLength(8)
  expect(first).toHaveLength(8)

  // T switches light and dark; Esc leaves.
  const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'))
  const before = await theme()
  await page.keyboard.press('t')
  await expect.poll(theme).not.toBe(before)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('screen-evaluate')).toBeVisible()
})
