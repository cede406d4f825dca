import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { Page } from 'playwright-core'
import sharp from 'sharp'

/** README images must stay small: palette PNGs, at most this many bytes each. */
export const MAX_SCREENSHOT_BYTES = 300 * 1024

/**
 * Saves a screenshot of the page as an optimised palette PNG under `dir/<name>.png`, lowering the
 * colour count until it fits MAX_SCREENSHOT_BYTES. Returns the size written.
 */
export async function saveScreenshot(page: Page, dir: string, name: string): Promise<number> {
  const raw = await page.screenshot({ type: 'png' })
  let best: Buffer = raw
  for (const colours of [256, 128, 64, 32]) {
    best = await sharp(raw)
      .png({ palette: true, colours, compressionLevel: 9, effort: 10 })
      .toBuffer()
    if (best.length <= MAX_SCREENSHOT_BYTES) break
  }
  await writeFile(path.join(dir, `${name}.png`), best)
  return best.length
}
