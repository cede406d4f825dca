import { expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

/** The Suspects view of the Faces screen: suspect tiles, review keys, counts, noise matrix. */
export class SuspectsPage {
  constructor(readonly page: Page) {}

  get tiles(): Locator {
    return this.page.getByTestId('suspect-tile')
  }

  get noiseMatrix(): Locator {
    return this.page.getByTestId('noise-matrix')
  }

  count(kind: 'remaining' | 'accepted' | 'kept'): Locator {
    return this.page.getByTestId(`suspects-${kind}`)
  }

  /** Opens the view from the Faces toolbar and waits for the first suspect. */
  async open(): Promise<void> {
    await this.page.getByTestId('suspects-toggle').click()
    await expect(this.page.getByTestId('suspects-view')).toBeVisible()
    await expect(this.tiles.first()).toBeVisible()
  }

  /** The focused suspect's face id, given and suggested labels. */
  async focused(): Promise<{ faceId: number; given: string; suggested: string }> {
    const tile = this.page.locator('[data-testid="suspect-tile"][aria-selected="true"]')
    return {
      faceId: Number(await tile.getAttribute('data-face-id')),
      given: (await tile.getAttribute('data-given')) ?? '',
      suggested: (await tile.getAttribute('data-suggested')) ?? '',
    }
  }

  async accept(): Promise<void> {
    await this.page.keyboard.press('a')
  }

  async keep(): Promise<void> {
    await this.page.keyboard.press('k')
  }
}
