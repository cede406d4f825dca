import { seedCsvDataset, seedSuspectsJob } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { FacesPage } from '../pages/FacesPage'
import { LibraryPage } from '../pages/LibraryPage'
import { StudioApp } from '../pages/StudioApp'
import { SuspectsPage } from '../pages/SuspectsPage'

test('reviews suspects: A accepts the suggestion (history says so), K keeps the label', async ({
  page,
  studio,
}) => {
  test.setTimeout(300_000)
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'suspects', 8)
  await seedSuspectsJob(studio.api, dataset.id, 2, {
    model: 'tiny-cnn',
    backend: 'wasm',
    epochs: 2,
    batchSize: 8,
    augment: null,
  })
  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  const faces = new FacesPage(page)
  const suspects = new SuspectsPage(page)
  await app.open(studio.url)
  await library.open(dataset.name)
  await faces.waitForGrid()
  await suspects.open()
  await expect(suspects.noiseMatrix).toBeVisible()
  const remaining = Number(await suspects.count('remaining').textContent())
  expect(remaining).toBeGreaterThan(1)

  const first = await suspects.focused()
  await suspects.accept()
  await expect(suspects.count('accepted')).toHaveText('1')
  await expect(
    page.locator(`[data-testid="suspect-tile"][data-face-id="${first.faceId}"]`),
  ).toHaveCount(0)
  const history = await studio.api.call('labels.history', { faceId: first.faceId as never })
  expect(history[0]).toMatchObject({ source: 'suggestion', from: first.given, to: first.suggested })

  const second = await suspects.focused()
  await suspects.keep()
  await expect(suspects.count('kept')).toHaveText('1')
  await expect(suspects.count('remaining')).toHaveText(String(remaining - 2))
  const stored = await studio.api.call('faces.get', { ids: [second.faceId as never] })
  expect(stored[0]?.label).toBe(second.given)
})
