import { sidewaysScrollers } from '../../bench/ui/layoutProbe'
import { seedRun } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { StudioApp } from '../pages/StudioApp'
import type { Screen } from '../pages/StudioApp'

/** What shows that a screen has drawn its content. */
const SCREENS: Readonly<Partial<Record<Screen, string>>> = {
  library: '[data-testid="dataset-row"]',
  faces: '[data-testid="face-tile"][data-label]:not([data-label=""])',
  balance: '[data-testid="augment-preview"] canvas',
  train: '[data-testid="chart-loss"] svg',
  evaluate: '[data-testid="classification-report"]',
  predict: '[data-testid="screen-predict"]',
}

test.use({ viewport: { width: 1024, height: 700 } })

for (const largeText of [false, true]) {
  test(`every screen fits 1024x700 without sideways scrolling${largeText ? ', in large text' : ''}`, async ({
    page,
    studio,
  }) => {
    test.setTimeout(180_000)
    const demo = await studio.api.call('datasets.createDemo', {})
    const run = await seedRun(studio.api, demo.id, { model: 'tiny-cnn', epochs: 2, batchSize: 64 })
    await studio.api.call('evaluation.run', { runId: run.id, split: 'validation' })
    await page.addInitScript(
      (large) => localStorage.setItem('fer-studio.ui', JSON.stringify({ largeText: large })),
      largeText,
    )
    const app = new StudioApp(page)
    await app.open(studio.url)
    await app.pickDataset(demo.name)
    for (const [screen, ready] of Object.entries(SCREENS) as [Screen, string][]) {
      await app.goTo(screen)
      await expect(page.locator(ready).first()).toBeVisible({ timeout: 60_000 })
      expect(await sidewaysScrollers(page), `${screen} scrolls sideways`).toEqual([])
      if (screen === 'balance') {
        // The augmentation preview sits beside or under its sliders, never over them.
        const sliders = await page.locator('.augment-controls').boundingBox()
        const preview = await page.getByTestId('augment-preview').boundingBox()
        if (sliders === null || preview === null) throw new Error('no sliders or preview')
        const overlaps =
          sliders.x < preview.x + preview.width &&
          preview.x < sliders.x + sliders.width &&
          sliders.y < preview.y + preview.height &&
          preview.y < sliders.y + sliders.height
        expect(overlaps, 'the preview covers the sliders').toBe(false)
      }
    }
  })
}
