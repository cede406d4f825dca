import type { Locator, Page } from '@playwright/test'

/** The Evaluate screen: the confusion matrix, its cells and the classification report. */
export class EvaluatePage {
  constructor(readonly page: Page) {}

  cell(truth: string, predicted: string): Locator {
    return this.page.getByTestId(`cm-cell-${truth}-${predicted}`)
  }

  async cellCount(truth: string, predicted: string): Promise<number> {
    return Number((await this.cell(truth, predicted).getAttribute('data-count')) ?? 0)
  }

  /** Opens the faces behind a cell in the Faces grid. */
  async openCell(truth: string, predicted: string): Promise<void> {
    await this.cell(truth, predicted).getByRole('button').click()
  }

  /** "N faces changed since this evaluation", with its Re-evaluate button. */
  get staleNotice(): Locator {
    return this.page.getByTestId('evaluation-stale')
  }

  get report(): Locator {
    return this.page.getByTestId('classification-report')
  }
}
