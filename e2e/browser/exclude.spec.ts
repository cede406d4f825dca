import { seedCsvDataset } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { FacesPage } from '../pages/FacesPage'
import { LibraryPage } from '../pages/LibraryPage'
import { StudioApp } from '../pages/StudioApp'

test('excludes faces with X and the menu, filters them, counts them, and undoes from the toast', async ({
  page,
  studio,
}) => {
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'exclude', 4)
  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  const faces = new FacesPage(page)
  const stored = async (faceId: number) =>
    (await studio.api.call('faces.get', { ids: [faceId] as never }))[0]?.excluded
  const excludedTotal = async () =>
    (await studio.api.call('datasets.list', {})).find((d) => d.id === dataset.id)?.excluded.total

  await app.open(studio.url)
  await library.open(dataset.name)
  await faces.waitForGrid()
  const [first, second] = await faces.visibleIds()
  if (first === undefined || second === undefined) throw new Error('expected two faces')

  await faces.select(first)
  await faces.pressExclude()
  await expect(faces.tile(first)).toHaveAttribute('data-excluded', 'not-a-face')
  await expect.poll(() => stored(first)).toBe('not-a-face')

  await faces.select(second)
  await faces.excludeWith('duplicate')
  await expect(faces.tile(second)).toHaveAttribute('data-excluded', 'duplicate')
  await expect.poll(excludedTotal).toBe(2)

  await faces.filterExclusion('excluded')
  await expect(faces.faceCount).toHaveText('2')
  await faces.filterExclusion('')

  // The toast of the last change offers Undo: the duplicate exclusion goes back.
  await faces.undoFromToast()
  await expect.poll(() => stored(second)).toBe(null)
  await expect(faces.tile(second)).toHaveAttribute('data-excluded', '')

  await faces.select(first)
  await faces.pressExclude(true)
  await expect.poll(() => stored(first)).toBe(null)
  await expect.poll(excludedTotal).toBe(0)

  const history = await studio.api.call('labels.history', { faceId: first as never })
  expect(history.map((change) => change.exclusion)).toEqual([
    { from: 'not-a-face', to: null },
    { from: null, to: 'not-a-face' },
  ])
})
