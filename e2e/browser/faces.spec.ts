import { seedCsvDataset } from '../fixtures/seed'
import { expect, test } from '../fixtures/studio'
import { FacesPage } from '../pages/FacesPage'
import { LibraryPage } from '../pages/LibraryPage'
import { StudioApp } from '../pages/StudioApp'

/**
 * What a tile draws, read back from the page: its row strip loaded into a canvas, cut at the
 * tile's offset. Gray values, row-major, at the strip's own resolution (the stored face size).
 */
async function drawnPixels(faces: FacesPage, faceId: number): Promise<number[]> {
  return faces.tile(faceId).evaluate(async (tile) => {
    const image = tile.querySelector<HTMLElement>('[data-testid="face-image"]')
    const style = image === null ? null : getComputedStyle(image)
    const url = /url\("(.*)"\)/.exec(style?.backgroundImage ?? '')?.[1]
    if (image === null || style === null || url === undefined) throw new Error('no strip shown')
    const strip = new Image()
    strip.src = url
    await strip.decode()
    const scale = parseFloat(style.backgroundSize) / strip.naturalWidth
    const size = strip.naturalHeight
    const left = -parseFloat(style.backgroundPositionX) / scale
    const canvas = document.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const context = canvas.getContext('2d') as CanvasRenderingContext2D
    context.drawImage(strip, left, 0, size, size, 0, 0, size, size)
    const rgba = context.getImageData(0, 0, size, size).data
    return Array.from({ length: size * size }, (_, i) => rgba[i * 4] as number)
  })
}

test("every tile draws its own face's pixels, also after a filter swaps the faces", async ({
  page,
  studio,
}) => {
  const dataset = await seedCsvDataset(studio.api, studio.scratchDir, 'pixels', 6)
  const app = new StudioApp(page)
  const faces = new FacesPage(page)
  await app.open(studio.url)
  await new LibraryPage(page).open(dataset.name)
  await faces.waitForGrid()

  const checkVisibleTiles = async () => {
    const ids = await faces.visibleIds()
    expect(ids.length).toBeGreaterThan(1)
    for (const id of [ids[0], ids[1], ids.at(-1)] as number[]) {
      await expect(faces.tile(id).getByTestId('face-image')).toHaveAttribute('data-ready', 'true')
      const stored = await studio.api.call('faces.pixels', { faceId: id as never })
      expect(await drawnPixels(faces, id), `face ${id}`).toEqual(stored.pixels)
    }
  }
  await checkVisibleTiles()
  await page.getByTestId('filter-label-sad').click()
  await expect
    .poll(async () => new Set(await faces.tiles.evaluateAll((t) => t.map((x) => x.dataset.label))))
    .toEqual(new Set(['sad']))
  await checkVisibleTiles()
})
