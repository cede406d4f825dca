// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'

import { faceImageUrl, faceStripUrl, setFaceImageUrlResolver } from './mediaUrl'
import type { StudioPreloadApi } from './preloadApi'

afterEach(() => {
  delete window.studio
  setFaceImageUrlResolver(null)
  window.history.replaceState(null, '', '/')
})

describe('faceImageUrl', () => {
  it('uses the bridge media path in a browser, with the size and the page token', () => {
    expect(faceImageUrl(12)).toBe('/media/face/12.png')
    window.history.replaceState(null, '', '/?token=t0k')
    expect(faceImageUrl(12, 192)).toBe('/media/face/12.png?size=192&token=t0k')
  })

  it('names the content with a hash prefix so the image can be cached as immutable', () => {
    expect(faceImageUrl(12, undefined, 'ABCDEF0123456789abcdef')).toBe(
      '/media/face/12.png?v=abcdef0123456789',
    )
    expect(faceImageUrl(12, 192, '0123abcd')).toBe('/media/face/12.png?size=192&v=0123abcd')
    // Not a hex hash (or too short): no version, rather than a URL the bridge rejects.
    expect(faceImageUrl(12, undefined, 'not-hex!')).toBe('/media/face/12.png')
    expect(faceImageUrl(12, undefined, 'abc')).toBe('/media/face/12.png')
  })

  it('asks for a row of faces as one strip, each face versioned by its hash prefix', () => {
    window.history.replaceState(null, '', '/?token=t0k')
    expect(
      decodeURIComponent(
        faceStripUrl([
          { id: 9, hash: 'ABCDEF0123456789' },
          { id: 3, hash: '0123456789abcdef' },
        ]),
      ),
    ).toBe('/media/faces.png?ids=9,3&v=abcdef01,01234567&token=t0k')
    // One hash that is not hex: the strip goes unversioned (revalidated) rather than rejected.
    expect(
      decodeURIComponent(
        faceStripUrl([
          { id: 9, hash: 'abcdef0123' },
          { id: 3, hash: 'nothex!!' },
        ]),
      ),
    ).toBe('/media/faces.png?ids=9,3&token=t0k')
  })

  it('uses the custom protocol inside Electron', () => {
    const preload: StudioPreloadApi = {
      request: async () => ({ ok: true, value: null }),
      onEvent: () => () => {},
    }
    window.studio = preload
    expect(faceImageUrl(5)).toBe('studio-media://media/face/5.png')
    expect(faceImageUrl(5, 96)).toBe('studio-media://media/face/5.png?size=96')
    expect(decodeURIComponent(faceStripUrl([{ id: 5, hash: '0123456789' }]))).toBe(
      'studio-media://media/faces.png?ids=5&v=01234567',
    )
  })
})
