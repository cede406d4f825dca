import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

/** The Faces screen: the virtualized grid, selection, relabel and exclude keys, undo and redo. */
export class FacesPage {
  constructor(readonly page: Page) {}

  get grid(): Locator {
    return this.page.getByTestId('face-grid')
  }

  get tiles(): Locator {
    return this.page.getByTestId('face-tile')
  }

  tile(faceId: number): Locator {
    return this.page.locator(`[data-testid="face-tile"][data-face-id="${faceId}"]`)
  }

  /** Waits until the grid shows tiles with their labels loaded. */
  async waitForGrid(): Promise<void> {
    await expect(this.tiles.first()).toHaveAttribute('data-label', /.+/)
  }

  /** Ids of the tiles in the DOM (the visible rows of the virtual grid), in order. */
  async visibleIds(): Promise<number[]> {
    const ids = await this.tiles.evaluateAll((tiles) =>
      tiles.map((tile) => Number(tile.getAttribute('data-face-id'))),
    )
    return ids
  }

  async labelOf(faceId: number): Promise<string> {
    return (await this.tile(faceId).getAttribute('data-label')) ?? ''
  }

  /** Selects exactly this face (a plain click). */
  async select(faceId: number): Promise<void> {
    await this.tile(faceId).click()
    await expect(this.tile(faceId)).toHaveAttribute('data-selected', 'true')
  }

  /** Presses a relabel key, 1..7 in FER2013 order (1 angry ... 7 neutral). */
  async pressLabelKey(key: number): Promise<void> {
    await this.page.keyboard.press(String(key))
  }

  /** X excludes the selection as not a face; Shift+X includes it again. */
  async pressExclude(include = false): Promise<void> {
    await this.page.keyboard.press(include ? 'Shift+X' : 'x')
  }

  /** Excludes the selection with a reason from the toolbar menu. */
  async excludeWith(reason: 'not-a-face' | 'duplicate' | 'other'): Promise<void> {
    await this.page.getByTestId('exclude-menu').selectOption(reason)
  }

  async exclusionOf(faceId: number): Promise<string> {
    return (await this.tile(faceId).getAttribute('data-excluded')) ?? ''
  }

  /** Shows only excluded faces, only included ones, or both (''). */
  async filterExclusion(value: '' | 'included' | 'excluded'): Promise<void> {
    await this.page.getByTestId('filter-exclusion').selectOption(value)
  }

  get bulkConfirm(): Locator {
    return this.page.getByTestId('bulk-confirm')
  }

  /** The Undo button of the latest toast. */
  async undoFromToast(): Promise<void> {
    await this.page.getByTestId('toast-action').last().click()
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('Control+z')
  }

  async redo(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+z')
  }

  get faceCount(): Locator {
    return this.page.getByTestId('face-count')
  }

  get explicitBanner(): Locator {
    return this.page.getByTestId('explicit-banner')
  }
}
