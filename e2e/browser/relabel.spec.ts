import { seedCsvDataset } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { FacesPage } from '../pages/FacesPage'
import { LibraryPage } from '../pages/LibraryPage'
import { StudioApp } from '../pages/StudioApp'

test('relabels a face with a key, keeps it across a reload, and undoes and redoes it', async ({
  page,
  studio,
}) => {
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'relabel', 6)
  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  const faces = new FacesPage(page)
  const storedLabel = async (faceId: number) =>
    (await studio.api.call('faces.get', { ids: [faceId] as never }))[0]?.label

  const openFaces = async () => {
    await app.open(studio.url)
    await library.open(dataset.name)
    await faces.waitForGrid()
  }
  await openFaces()
  // The first face that is not happy yet (labels cycle through the classes).
  const ids = await faces.visibleIds()
  let target = -1
  for (const id of ids) {
    if ((await faces.labelOf(id)) !== 'happy') {
      target = id
      break
    }
  }
  expect(target).toBeGreaterThan(0)
  const original = await faces.labelOf(target)

  await faces.select(target)
  await faces.pressLabelKey(4) // 4 = happy (FER2013 order: angry disgust fear happy ...)
  await expect(faces.tile(target)).toHaveAttribute('data-label', 'happy')
  await expect.poll(() => storedLabel(target)).toBe('happy')

  await page.reload()
  await openFaces()
  await expect(faces.tile(target)).toHaveAttribute('data-label', 'happy')
  // The bridge keeps the session's steps: after the reload, Undo is offered and works.
  await expect(page.getByRole('button', { name: /Undo/ })).toBeEnabled()

  await faces.undo()
  await expect(faces.tile(target)).toHaveAttribute('data-label', original)
  await expect.poll(() => storedLabel(target)).toBe(original)

  await faces.redo()
  await expect(faces.tile(target)).toHaveAttribute('data-label', 'happy')
  await expect.poll(() => storedLabel(target)).toBe('happy')

  const history = await studio.api.call('labels.history', { faceId: target as never })
  expect(history.map((change) => change.kind)).toEqual(['redo', 'undo', 'set'])
})
