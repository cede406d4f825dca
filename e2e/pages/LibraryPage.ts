import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

/** The Library screen: datasets with counts, the demo button, the import flow and its report. */
export class LibraryPage {
  constructor(readonly page: Page) {}

  get emptyState(): Locator {
    return this.page.getByTestId('library-empty')
  }

  get rows(): Locator {
    return this.page.getByTestId('dataset-row')
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name })
  }

  /** The face count shown in a dataset's row, as a number. */
  async faceCount(name: string): Promise<number> {
    const text = (await this.row(name).getByTestId('dataset-face-count').textContent()) ?? ''
    return Number(text.replace(/[^\d]/g, ''))
  }

  async createDemo(): Promise<void> {
    await this.page.getByTestId('create-demo').first().click()
  }

  /**
   * Imports a file through the form: types its path, waits for the detected format, names it and
   * starts. Resolves once the report is shown, with whether a progress bar was ever on screen.
   */
  async importFile(
    path: string,
    name: string,
    expectFormat: string,
  ): Promise<{ sawProgress: boolean }> {
    if (!(await this.page.getByTestId('import-path').isVisible())) {
      await this.page.getByTestId('import-open').click()
    }
    await this.page.getByTestId('import-path').fill(path)
    await expect(this.page.getByTestId('import-detected-format')).toContainText(expectFormat)
    await this.page.getByTestId('import-name').fill(name)
    // The progress bar may be on screen for a moment only: watch the DOM rather than poll it.
    await this.page.evaluate(() => {
      const w = window as unknown as { __sawImportProgress: boolean }
      w.__sawImportProgress = false
      new MutationObserver((_records, observer) => {
        if (document.querySelector('[data-testid="import-progress"]')) {
          w.__sawImportProgress = true
          observer.disconnect()
        }
      }).observe(document.body, { childList: true, subtree: true })
    })
    await this.page.getByTestId('import-start').click()
    await expect(this.page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 })
    const sawProgress = await this.page.evaluate(
      () => (window as unknown as { __sawImportProgress: boolean }).__sawImportProgress,
    )
    return { sawProgress }
  }

  /** A number from the import report, e.g. 'report-imported'. */
  async reportValue(testId: string): Promise<number> {
    const text =
      (await this.page.getByTestId(testId).locator('.report-stat-value').textContent()) ?? ''
    return Number(text.replace(/[^\d]/g, ''))
  }

  /** Attaches a FER+ votes file to a dataset through its row's form. */
  async attachFerPlus(name: string, path: string): Promise<void> {
    await this.row(name).getByTestId('dataset-ferplus').click()
    await this.page.getByTestId('ferplus-path').fill(path)
    await this.page.getByTestId('ferplus-attach').click()
  }

  /** Starts a FER2013 CSV export of a dataset through its row's form. */
  async exportCsv(name: string, path: string): Promise<void> {
    await this.row(name).getByTestId('dataset-export').click()
    await this.page.getByTestId('export-path').fill(path)
    await this.page.getByTestId('export-start').click()
  }

  async open(name: string): Promise<void> {
    await this.row(name).getByTestId('dataset-open').click()
  }
}
