import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

type ChartId = 'chart-loss' | 'chart-accuracy'

/** One change of a chart's point count, with the run's status shown at that moment. */
export interface ChartSample {
  points: number
  status: string | null
}

/** The Train screen: preset, settings, start, the live charts and the run's status. */
export class TrainPage {
  constructor(readonly page: Page) {}

  /** The next run's estimated time, or what stands in for it ("measuring speed…"). */
  get estimate(): Locator {
    return this.page.getByTestId('run-estimate')
  }

  async choosePreset(name: string): Promise<void> {
    await this.page.getByTestId(`preset-${name}`).click()
    await expect(this.page.getByTestId(`preset-${name}`).locator('input')).toBeChecked()
  }

  async setEpochs(epochs: number): Promise<void> {
    await this.page.getByTestId('setting-epochs').fill(String(epochs))
  }

  /** Turns early stopping off, so a run lasts its full epoch count. */
  async disableEarlyStopping(): Promise<void> {
    await this.page.getByTestId('setting-early-stopping').uncheck()
  }

  async setBatchSize(size: number): Promise<void> {
    await this.page.getByTestId('setting-batch').selectOption(String(size))
  }

  async start(name: string): Promise<void> {
    await this.page.getByTestId('run-name').fill(name)
    await this.page.getByTestId('train-start').click()
  }

  async pause(): Promise<void> {
    await this.page.getByTestId('run-pause').click()
  }

  async resume(): Promise<void> {
    await this.page.getByTestId('run-resume').click()
  }

  async stop(): Promise<void> {
    await this.page.getByTestId('run-stop').click()
  }

  /** Exports the selected run's best model (TF.js or ONNX) to a folder through the form. */
  async exportModel(format: 'tfjs' | 'onnx', dir: string): Promise<void> {
    await this.page.getByTestId('model-export-open').click()
    await this.page.getByTestId('model-export-format').selectOption(format)
    await this.page.getByTestId('model-export-path').fill(dir)
    await this.page.getByTestId('model-export-start').click()
    await expect(this.page.getByTestId('model-export')).toBeHidden({ timeout: 60_000 })
  }

  chart(testId: ChartId): Locator {
    return this.page.getByTestId(testId)
  }

  /** How many points a chart holds (LineChartPanel's data-points). */
  async chartPoints(testId: ChartId): Promise<number> {
    return Number((await this.chart(testId).getAttribute('data-points')) ?? 0)
  }

  /**
   * Starts recording, in the page, every point count a chart shows together with the run status
   * shown at that moment, so a test can tell points that arrived live from a final dump, however
   * fast the run is. Read the samples with `chartSamples`.
   */
  async recordChart(testId: ChartId): Promise<void> {
    await this.page.evaluate((id) => {
      const samples: { points: number; status: string | null }[] = []
      const record = () => {
        const chart = document.querySelector(`[data-testid="${id}"]`)
        const status = document.querySelector(
          '[data-testid="run-header"] [data-testid="run-status"]',
        )
        const points = Number(chart?.getAttribute('data-points') ?? 0)
        const last = samples[samples.length - 1]
        if (last?.points !== points)
          samples.push({ points, status: status?.getAttribute('data-status') ?? null })
      }
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-points', 'data-status'],
      })
      ;(window as unknown as { __chartSamples: typeof samples }).__chartSamples = samples
    }, testId)
  }

  async chartSamples(): Promise<ChartSample[]> {
    return this.page.evaluate(
      () => (window as unknown as { __chartSamples: ChartSample[] }).__chartSamples,
    )
  }

  get status(): Locator {
    return this.page.getByTestId('run-header').getByTestId('run-status')
  }
}
