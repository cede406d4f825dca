import path from 'node:path'

import type { FaceId } from '../../shared/domain'
import { writeFindingsCsv } from '../fixtures/findingsCsv'
import { importCsv } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { FacesPage } from '../pages/FacesPage'
import { StudioApp } from '../pages/StudioApp'

test('a finding opens exactly its faces, one undoable action resolves it, and the chip clears', async ({
  page,
  studio,
}) => {
  const files = await writeFindingsCsv(
    path.join(studio.scratchDir, 'findings.csv'),
    path.join(studio.scratchDir, 'fer2013new.csv'),
  )
  const dataset = await importCsv(studio.api, files.csv, 'findings')
  const api = studio.api
  const all = await api.call('faces.query', { datasetId: dataset.id })
  const byRow = new Map(
    (await api.call('faces.get', { ids: all.ids })).map((f) => [f.sourceRow, f.id]),
  )
  const idOfRow = (row: number): FaceId => byRow.get(row) as FaceId
  const excludedOf = async (row: number) =>
    (await api.call('faces.get', { ids: [idOfRow(row)] }))[0]?.excluded
  const findings = async () =>
    (await api.call('datasets.get', { datasetId: dataset.id })).duplicates

  const app = new StudioApp(page)
  const faces = new FacesPage(page)
  await app.open(studio.url)
  const row = page.getByTestId('dataset-row').filter({ hasText: 'findings' })
  await row.getByTestId('badge-leakage').click()

  // The leak: the train copy (row 1) and the validation copy (row 29), nothing else.
  await expect(page.getByTestId('finding-chip-name')).toContainText('Leak across splits')
  await expect(faces.faceCount).toHaveText('2')
  expect((await faces.visibleIds()).sort()).toEqual([idOfRow(1), idOfRow(29)].sort())
  await page.getByTestId('finding-resolve').click()
  await expect.poll(() => excludedOf(1)).toBe('duplicate')
  expect(await excludedOf(29)).toBe(null)
  await expect(faces.tile(idOfRow(1))).toHaveAttribute('data-excluded', 'duplicate')
  await expect(page.getByTestId('finding-left')).toHaveText('resolved')
  expect((await findings()).crossSplitGroups).toBe(0)

  // One step in the history: Undo brings the leak back.
  await faces.undoFromToast()
  await expect.poll(() => excludedOf(1)).toBe(null)
  await expect(page.getByTestId('finding-left')).toHaveText('1 group left')

  // The blank finding, from the Faces filters this time: both faces out as not a face.
  await page.getByTestId('filter-finding').selectOption('blank')
  await expect(page.getByTestId('finding-chip-name')).toContainText('Blank faces')
  await expect(faces.faceCount).toHaveText('2')
  await page.getByTestId('finding-resolve').click()
  await expect.poll(() => excludedOf(31)).toBe('not-a-face')
  expect(await excludedOf(32)).toBe('not-a-face')
  expect((await findings()).blankFaces).toBe(0)

  // Conflicts: keep one copy (the lowest id in train), exclude the other.
  await page.getByTestId('filter-finding').selectOption('conflicts')
  await expect(faces.faceCount).toHaveText('2')
  await page.getByTestId('finding-resolve').click()
  await expect.poll(() => excludedOf(30)).toBe('duplicate')
  expect(await excludedOf(2)).toBe(null)

  await page.getByTestId('finding-clear').click()
  await expect(page.getByTestId('finding-chip')).toHaveCount(0)
  await expect(faces.faceCount).toHaveText('32')
})

test('without a model, "likely mislabelled first" puts FER+ disagreement first and says so; FER+ and excluded filters', async ({
  page,
  studio,
}) => {
  const files = await writeFindingsCsv(
    path.join(studio.scratchDir, 'votes.csv'),
    path.join(studio.scratchDir, 'fer2013new.csv'),
  )
  const dataset = await importCsv(studio.api, files.csv, 'votes')
  await studio.api.call('datasets.attachFerPlus', { datasetId: dataset.id, path: files.ferPlus })
  const all = await studio.api.call('faces.query', { datasetId: dataset.id })
  const faceOf = new Map(
    (await studio.api.call('faces.get', { ids: all.ids })).map((f) => [f.sourceRow, f.id]),
  )

  const app = new StudioApp(page)
  const faces = new FacesPage(page)
  await app.open(studio.url)
  await page
    .getByTestId('dataset-row')
    .filter({ hasText: 'votes' })
    .getByTestId('dataset-open')
    .click()
  await faces.waitForGrid()
  await page.getByTestId('sort-select').selectOption('suspicion')
  await expect(page.getByTestId('sort-basis')).toHaveText(
    'No model yet: FER+ majority disagreeing with the label first',
  )
  await expect
    .poll(async () => (await faces.visibleIds()).slice(0, 2))
    .toEqual([faceOf.get(3), faceOf.get(4)])

  await page.getByTestId('filter-ferplus-disagrees').check()
  await expect(faces.faceCount).toHaveText('2')
  await page.getByTestId('filter-ferplus-disagrees').uncheck()
  await faces.select(faceOf.get(3) as number)
  await faces.pressExclude()
  await faces.filterExclusion('excluded')
  await expect(faces.faceCount).toHaveText('1')
})
