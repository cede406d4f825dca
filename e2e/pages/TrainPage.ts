import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

/** The Train screen: preset, settings, start, the live charts and the run's status. */
export class TrainPage {
  constructor(readonly page: Page) {}

  async choosePreset(name: string): Promise<void> {
    await this.page.getByTestId(`preset-${name}`).click()
    await expect(this.page.getByTestId(`preset-${name}`).locator('input')).toBeChecked()
  }

  async setEpochs(epochs: number): Promise<void> {
    await this.page.getByTestId('setting-epochs').fill(String(epochs))
  }

  async setBatchSize(size: number): Promise<void> {
    await this.page.getByTestId('setting-batch').selectOption(String(size))
  }

  async start(name: string): Promise<void> {
    await this.page.getByTestId('run-name').fill(name)
    await this.page.getByTestId('train-start').click()
  }

  chart(testId: 'chart-loss' | 'chart-accuracy'): Locator {
    return this.page.getByTestId(testId)
  }

  /** How many points a chart holds (LineChartPanel's data-points). */
  async chartPoints(testId: 'chart-loss' | 'chart-accuracy'): Promise<number> {
    return Number((await this.chart(testId).getAttribute('data-points')) ?? 0)
  }

  get status(): Locator {
    return this.page.getByTestId('run-header').getByTestId('run-status')
  }
}
