// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { forgetLoadedImages, useLoadedImage } from './useLoadedImage'
import type { ImageLoader } from './useLoadedImage'

afterEach(() => {
  cleanup()
  forgetLoadedImages()
})

/** A loader the test finishes by hand, recording what was asked and what was aborted. */
function manualLoader() {
  const pending = new Map<string, { resolve: () => void; reject: () => void }>()
  const aborted: string[] = []
  const loader: ImageLoader = (url, signal) =>
    new Promise<void>((resolve, reject) => {
      pending.set(url, { resolve, reject: () => reject(new Error('404')) })
      signal.addEventListener('abort', () => aborted.push(url))
    })
  return { loader, pending, aborted }
}

function Probe({ url, loader }: { url: string | null; loader: ImageLoader }) {
  return <span data-testid="probe">{useLoadedImage(url, loader) ?? 'none'}</span>
}

const shown = () => document.querySelector('[data-testid=probe]')?.textContent

describe('useLoadedImage', () => {
  it('gives the url only once it has loaded, and never a stale one after a change', async () => {
    const { loader, pending, aborted } = manualLoader()
    const { rerender } = render(<Probe url="/a.png" loader={loader} />)
    expect(shown()).toBe('none')
    await act(async () => pending.get('/a.png')?.resolve())
    expect(shown()).toBe('/a.png')
    rerender(<Probe url="/b.png" loader={loader} />)
    expect(shown()).toBe('none')
    await act(async () => pending.get('/b.png')?.reject())
    expect(shown()).toBe('none')
    expect(aborted).toEqual(['/a.png'])
  })

  it('aborts a download still in flight when the url goes away or the user unmounts', async () => {
    const { loader, aborted } = manualLoader()
    const { rerender, unmount } = render(<Probe url="/a.png" loader={loader} />)
    rerender(<Probe url={null} loader={loader} />)
    expect(aborted).toEqual(['/a.png'])
    rerender(<Probe url="/c.png" loader={loader} />)
    unmount()
    expect(aborted).toEqual(['/a.png', '/c.png'])
  })

  it('shows a url loaded before at once, without loading it again', async () => {
    const { loader, pending } = manualLoader()
    const first = render(<Probe url="/a.png" loader={loader} />)
    await act(async () => pending.get('/a.png')?.resolve())
    first.unmount()
    pending.clear()
    render(<Probe url="/a.png" loader={loader} />)
    expect(shown()).toBe('/a.png')
    expect(pending.size).toBe(0)
  })
})
