import type { Locator, Page } from '@playwright/test'

/** The Predict screen: photos with boxed faces, the selected face's bars, the camera. */
export class PredictPage {
  readonly photos: Locator
  readonly boxes: Locator
  readonly bars: Locator
  readonly addForm: Locator

  constructor(readonly page: Page) {
    this.photos = page.getByTestId('predict-photo')
    this.boxes = page.getByTestId('face-box')
    this.bars = page.getByTestId('predict-bars')
    this.addForm = page.getByTestId('add-face-form')
  }

  async openPhotos(files: string[]): Promise<void> {
    await this.page.getByTestId('predict-file').setInputFiles(files)
  }

  async showCamera(): Promise<void> {
    await this.page.getByTestId('predict-mode').getByRole('radio', { name: 'Camera' }).click()
  }
}
