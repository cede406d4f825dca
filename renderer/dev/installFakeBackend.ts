import type { Emit } from '../../shared/contract'
import { setStudioTransport } from '../api/client'
import { createMemoryTransport } from '../api/memoryTransport'
import { setFaceImageUrlResolver, setFaceStripUrlResolver } from '../api/mediaUrl'
import { drawGrayscale } from '../lib/grayscale'
import { drawFakeFace } from './drawFakeFace'
import { createFakeBackend } from './fakeBackend'

const IMAGE_CACHE_LIMIT = 4000

/**
 * Dev preview: runs the studio on the fake backend. `?fake` = 4,000 faces and two finished
 * runs; `?fake=big` = 35,887 faces (grid performance); `?fake=empty` = first start.
 */
export function installFakeBackend(): void {
  const mode = new URLSearchParams(window.location.search).get('fake')
  let emit: Emit = () => {}
  const backend = createFakeBackend((event, payload) => emit(event, payload), {
    faces: mode === 'big' ? 35_887 : 4000,
    empty: mode === 'empty',
  })
  const transport = createMemoryTransport(backend.handlers)
  emit = transport.emit
  setStudioTransport(transport)

  // No media server here: draw each face on a canvas once and hand out its data URL.
  // `&img=flat` gives every face the same picture, to measure the grid without drawing cost.
  const canvas = document.createElement('canvas')
  if (new URLSearchParams(window.location.search).get('img') === 'flat') {
    drawGrayscale(canvas, 48, drawFakeFace('happy', 1))
    const flat = canvas.toDataURL('image/png')
    setFaceImageUrlResolver(() => flat)
    const flatStrips = new Map<number, string>()
    setFaceStripUrlResolver((faces) => {
      const cached = flatStrips.get(faces.length)
      if (cached !== undefined) return cached
      const url = drawStrip(
        canvas,
        faces.map(() => drawFakeFace('happy', 1)),
      )
      flatStrips.set(faces.length, url)
      return url
    })
    return
  }
  const pixelsOf = (faceId: number) => drawFakeFace(backend.truthOf(faceId) ?? 'neutral', faceId)
  const cache = new Map<string, string>()
  const cached = (key: string, draw: () => string): string => {
    const hit = cache.get(key)
    if (hit !== undefined) return hit
    if (cache.size > IMAGE_CACHE_LIMIT) cache.clear()
    const url = draw()
    cache.set(key, url)
    return url
  }
  setFaceImageUrlResolver((faceId) =>
    cached(String(faceId), () => {
      drawGrayscale(canvas, 48, pixelsOf(faceId))
      return canvas.toDataURL('image/png')
    }),
  )
  setFaceStripUrlResolver((faces) =>
    cached(faces.map((face) => face.id).join(','), () =>
      drawStrip(
        canvas,
        faces.map((face) => pixelsOf(face.id)),
      ),
    ),
  )
}

/** 48x48 faces side by side as one data URL, like the media service's strips. */
function drawStrip(canvas: HTMLCanvasElement, faces: readonly (readonly number[])[]): string {
  const width = faces.length * 48
  const pixels = new Array<number>(width * 48)
  faces.forEach((face, index) => {
    for (let y = 0; y < 48; y++)
      for (let x = 0; x < 48; x++) pixels[y * width + index * 48 + x] = face[y * 48 + x] ?? 0
  })
  drawGrayscale(canvas, width, pixels, 48)
  return canvas.toDataURL('image/png')
}
