import type { Emit } from '../../shared/contract'
import { setStudioTransport } from '../api/client'
import { createMemoryTransport } from '../api/memoryTransport'
import { setFaceImageUrlResolver } from '../api/mediaUrl'
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
    return
  }
  const cache = new Map<number, string>()
  setFaceImageUrlResolver((faceId) => {
    const cached = cache.get(faceId)
    if (cached !== undefined) return cached
    if (cache.size > IMAGE_CACHE_LIMIT) cache.clear()
    const emotion = backend.truthOf(faceId) ?? 'neutral'
    drawGrayscale(canvas, 48, drawFakeFace(emotion, faceId))
    const url = canvas.toDataURL('image/png')
    cache.set(faceId, url)
    return url
  })
}
