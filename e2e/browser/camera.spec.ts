import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { writeStillY4m } from '../fixtures/fakeCamera'
import { seedCsvDataset, seedRun } from '../fixtures/seed'
import { groupPhoto } from '../fixtures/samplePhotos'
import { expect, test as studioTest } from '../fixtures/studio'
import { PredictPage } from '../pages/PredictPage'
import { StudioApp } from '../pages/StudioApp'

/**
 * Chromium's fake camera playing a video of a real group photo (three faces): the browser is
 * launched with it, so this file has a worker of its own.
 */
const test = studioTest.extend<object, { fakeCameraArgs: string[] }>({
  fakeCameraArgs: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'fer-camera-')), 'faces.y4m')
      await writeStillY4m(groupPhoto(), file)
      await use([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${file}`,
      ])
    },
    { scope: 'worker' },
  ],
  launchOptions: [
    async ({ launchOptions, fakeCameraArgs }, use) => {
      await use({ ...launchOptions, args: [...(launchOptions.args ?? []), ...fakeCameraArgs] })
    },
    { scope: 'worker' },
  ],
})

test('the camera shows live boxes and bars for every face, smoothed over frames', async ({
  page,
  studio,
}) => {
  test.setTimeout(240_000)
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'camera', 10)
  await seedRun(studio.api, dataset.id, { model: 'tiny-cnn', epochs: 1, batchSize: 32 })

  const app = new StudioApp(page)
  const predict = new PredictPage(page)
  await app.open(studio.url)
  await app.goTo('predict')
  await predict.showCamera()
  await page.getByTestId('camera-start').click()
  await expect(page.getByTestId('camera-boxes').getByTestId('face-box')).toHaveCount(3, {
    timeout: 60_000,
  })
  await expect(page.getByTestId('camera-face')).toHaveCount(3)
  await expect(page.getByTestId('camera-face').first().locator('li')).toHaveCount(7)
  // Frames keep coming: the frame rate is reported and above zero.
  await expect(page.getByTestId('camera-fps')).toHaveText(/[1-9]\d* frames\/s/)
  await page.getByTestId('camera-stop').click()
  await expect(page.getByTestId('camera-start')).toBeVisible()
})
