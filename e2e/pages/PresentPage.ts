import type { Locator, Page } from '@playwright/test'

/** Present mode: the stage, its epoch counter, controls and sample faces. */
export class PresentPage {
  readonly stage: Locator
  readonly epoch: Locator
  readonly predictions: Locator
  readonly faces: Locator

  constructor(readonly page: Page) {
    this.stage = page.getByTestId('present-stage')
    this.epoch = page.getByTestId('present-epoch')
    this.faces = page.getByTestId('present-face')
    this.predictions = page.getByTestId('present-prediction')
  }

  /** The predicted label of each sample face, in order. */
  async predictedLabels(): Promise<string[]> {
    return this.predictions.evaluateAll((nodes) =>
      nodes.map((n) => n.getAttribute('data-label') ?? ''),
    )
  }
}
