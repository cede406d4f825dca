import { EMOTIONS } from '../../shared/domain'
import { seedCsvDataset, seedRun } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { EvaluatePage } from '../pages/EvaluatePage'
import { FacesPage } from '../pages/FacesPage'
import { StudioApp } from '../pages/StudioApp'

test('a confusion-matrix cell opens exactly its faces, relabelled in place; the matrix then says it is stale and re-evaluates', async ({
  page,
  studio,
}) => {
  test.setTimeout(240_000)
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'evaluate', 30)
  const run = await seedRun(studio.api, dataset.id, { model: 'tiny-cnn', epochs: 2, batchSize: 32 })
  await studio.api.call('evaluation.run', { runId: run.id, split: 'validation' })

  const app = new StudioApp(page)
  const evaluate = new EvaluatePage(page)
  const faces = new FacesPage(page)
  await app.open(studio.url)
  await app.pickDataset(dataset.name)
  await app.goTo('evaluate')
  await expect(evaluate.report).toBeVisible()

  // The fullest cell: off the diagonal when the model made mistakes, else the fullest diagonal one.
  let best = { truth: 'angry', predicted: 'angry', count: 0, offDiagonal: false }
  for (const truth of EMOTIONS) {
    for (const predicted of EMOTIONS) {
      const count = await evaluate.cellCount(truth, predicted)
      const offDiagonal = truth !== predicted
      if (
        count > 0 &&
        (Number(offDiagonal) > Number(best.offDiagonal) ||
          (offDiagonal === best.offDiagonal && count > best.count))
      ) {
        best = { truth, predicted, count, offDiagonal }
      }
    }
  }
  expect(best.count).toBeGreaterThan(0)
  const expected = await studio.api.call('evaluation.cellFaces', {
    runId: run.id,
    split: 'validation',
    truth: best.truth as (typeof EMOTIONS)[number],
    predicted: best.predicted as (typeof EMOTIONS)[number],
  })
  expect(expected).toHaveLength(best.count)

  await evaluate.openCell(best.truth, best.predicted)
  await expect(page.getByTestId('screen-faces')).toBeVisible()
  await expect(faces.explicitBanner).toBeVisible()
  await expect(faces.tiles).toHaveCount(best.count)
  expect((await faces.visibleIds()).sort((a, b) => a - b)).toEqual(
    [...expected].sort((a, b) => a - b),
  )
  for (const id of await faces.visibleIds())
    await expect(faces.tile(id)).toHaveAttribute('data-label', best.truth)

  // Relabel one of them in place, to a label it does not have.
  const target = expected[0]!
  const newLabel = EMOTIONS.find((emotion) => emotion !== best.truth)!
  await faces.select(target)
  await faces.pressLabelKey(EMOTIONS.indexOf(newLabel) + 1)
  await expect(faces.tile(target)).toHaveAttribute('data-label', newLabel)
  await expect(faces.explicitBanner).toBeVisible()
  await expect
    .poll(async () => (await studio.api.call('faces.get', { ids: [target] }))[0]?.label)
    .toBe(newLabel)

  // Back at the matrix: it says one face changed since it was computed, and offers to redo it.
  await page.getByRole('button', { name: 'Back to the matrix' }).click()
  await expect(evaluate.staleNotice).toContainText('1 face changed since this evaluation')
  await evaluate.staleNotice.getByTestId('evaluation-stale-rerun').click()
  await expect(evaluate.staleNotice).toHaveCount(0)
  const after = await studio.api.call('evaluation.get', { runId: run.id, split: 'validation' })
  const newRow = EMOTIONS.indexOf(newLabel)
  expect(after?.confusion[newRow]?.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
})
