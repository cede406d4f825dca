import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'

export type Screen = 'library' | 'faces' | 'balance' | 'train' | 'evaluate' | 'predict' | 'present'

/** The studio shell: opening it with its token, the navigation rail, the connection status. */
export class StudioApp {
  constructor(readonly page: Page) {}

  /** Opens the studio at the bridge URL (with its token) and waits for the backend connection. */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.page.getByTestId('status-bar')).toContainText('Backend connected')
  }

  async goTo(screen: Screen): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click()
    await expect(this.page.getByTestId(`screen-${screen}`)).toBeVisible()
  }

  /** Makes the named dataset the one every screen works on. */
  async pickDataset(name: string): Promise<void> {
    const picker = this.page.getByTestId('dataset-picker')
    const option = picker.locator('option', { hasText: name })
    await expect(option).toHaveCount(1)
    await picker.selectOption((await option.getAttribute('value')) ?? '')
  }
}
