// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'

import { faceImageUrl, setFaceImageUrlResolver } from './mediaUrl'
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

  it('uses the custom protocol inside Electron', () => {
    const preload: StudioPreloadApi = {
      request: async () => ({ ok: true, value: null }),
      onEvent: () => () => {},
    }
    window.studio = preload
    expect(faceImageUrl(5)).toBe('studio-media://media/face/5.png')
    expect(faceImageUrl(5, 96)).toBe('studio-media://media/face/5.png?size=96')
  })
})
