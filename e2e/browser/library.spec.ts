import path from 'node:path'

import { writeFer2013Csv } from '../../electron/bridge/writeFer2013Csv'
import { expect, test } from '../fixtures/studio'
import { LibraryPage } from '../pages/LibraryPage'
import { StudioApp } from '../pages/StudioApp'

test('an empty library offers the demo dataset, which appears with its counts', async ({
  page,
  studio,
}) => {
  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  await app.open(studio.url)
  await expect(library.emptyState).toBeVisible()

  await library.createDemo()
  await expect(library.rows).toHaveCount(1)
  const [demo] = await studio.api.call('datasets.list', {})
  expect(demo?.faceCount).toBeGreaterThan(500)
  await expect(library.rows.first()).toContainText(demo!.name)
  expect(await library.faceCount(demo!.name)).toBe(demo!.faceCount)
  await expect(library.emptyState).toBeHidden()
})

test('imports a FER2013 CSV through the form, with progress and a report', async ({
  page,
  studio,
}) => {
  const file = path.join(studio.scratchDir, 'small-fer2013.csv')
  const rows = await writeFer2013Csv(file, { perClass: 60 })
  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  await app.open(studio.url)

  const { sawProgress } = await library.importFile(file, 'small csv', 'fer2013-csv')
  expect(sawProgress).toBe(true)
  expect(await library.reportValue('report-imported')).toBe(rows)
  expect(await library.reportValue('report-rejected')).toBe(0)

  await expect(library.row('small csv')).toBeVisible()
  expect(await library.faceCount('small csv')).toBe(rows)
  const [stored] = await studio.api.call('datasets.list', {})
  expect(stored).toMatchObject({ name: 'small csv', faceCount: rows, source: 'fer2013-csv' })
})
