import { readFile, writeFile } from 'node:fs/promises'
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

test('attaches FER+ votes to an imported FER2013 CSV from its row in the Library', async ({
  page,
  studio,
}) => {
  const csv = path.join(studio.scratchDir, 'fer2013.csv')
  const rows = await writeFer2013Csv(csv, { perClass: 10 })
  // One FER+ row per FER2013 row, in the same order and with the same Usage (writeFer2013Csv
  // writes 10 Training rows per class, then 2 PublicTest rows per class); the last row has no
  // image name, as FER+ leaves some faces out.
  const votes = [
    'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF',
  ]
  for (let i = 0; i < rows; i++) {
    const usage = i < 70 ? 'Training' : 'PublicTest'
    votes.push(
      i === rows - 1
        ? `${usage},,0,0,0,0,0,0,0,0,0,10`
        : `${usage},fer${i}.png,0,8,2,0,0,0,0,0,0,0`,
    )
  }
  const ferPlus = path.join(studio.scratchDir, 'fer2013new.csv')
  await writeFile(ferPlus, `${votes.join('\n')}\n`)

  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  await app.open(studio.url)
  await library.importFile(csv, 'with votes', 'fer2013-csv')
  await expect(library.row('with votes')).toBeVisible()
  await library.attachFerPlus('with votes', ferPlus)
  await expect(
    page.getByText(`FER+ votes attached to ${rows - 1} faces (1 without votes)`),
  ).toBeVisible()
  await expect(library.row('with votes').getByText('FER+ votes', { exact: true })).toBeVisible()
  const [stored] = await studio.api.call('datasets.list', {})
  expect(stored?.hasFerPlus).toBe(true)
})

test('export asks before replacing an existing file and leaves it alone unless told', async ({
  page,
  studio,
}) => {
  const csv = path.join(studio.scratchDir, 'fer2013.csv')
  const rows = await writeFer2013Csv(csv, { perClass: 2 })
  const out = path.join(studio.scratchDir, 'mine.csv')
  await writeFile(out, 'my notes\n')
  const app = new StudioApp(page)
  const library = new LibraryPage(page)
  await app.open(studio.url)
  await library.importFile(csv, 'to export', 'fer2013-csv')
  await expect(library.row('to export')).toBeVisible()

  await library.exportCsv('to export', out)
  await expect(page.getByTestId('export-confirm')).toContainText(
    `${out} already exists. Replace it?`,
  )
  expect(await readFile(out, 'utf8')).toBe('my notes\n')
  await page.getByTestId('export-replace').click()
  await expect(page.getByText(`Exported ${rows} faces to ${out}`)).toBeVisible()
  expect((await readFile(out, 'utf8')).split('\n')[0]).toBe('emotion,pixels,Usage')
})
