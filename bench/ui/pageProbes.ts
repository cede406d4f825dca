import type { Page } from 'playwright-core'

/**
 * In-page probes for the UI benchmark. Each function body runs inside the page (page.evaluate),
 * so it is self-contained and times with the page's own clock (performance.now()). A probe ends
 * on the first animation frame after its condition holds: that frame is when the user sees it.
 */

/**
 * Installed before the page's scripts: records when each WebSocket request leaves and its answer
 * arrives, so "saved" can be told from "drawn" (the grid relabels optimistically).
 */
export const SOCKET_LOG_SCRIPT = `
// tsx (esbuild keepNames) wraps named functions in __name(); the probes carry that into the page.
globalThis.__name = globalThis.__name || ((fn) => fn);
(() => {
  const Native = window.WebSocket
  window.__socketLog = []
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols)
      this.addEventListener('message', (e) => {
        try {
          const m = JSON.parse(e.data)
          window.__socketLog.push({ t: performance.now(), dir: 'in', id: m.id, event: m.event })
        } catch {}
      })
    }
    send(data) {
      try {
        const m = JSON.parse(data)
        window.__socketLog.push({ t: performance.now(), dir: 'out', id: m.id, method: m.method })
      } catch {}
      super.send(data)
    }
  }
  window.addEventListener('keydown', () => { window.__lastKeyAt = performance.now() }, { capture: true })
})()
`

export type Stats = Readonly<{ n: number; median: number; p95: number; min: number; max: number }>

/** Median, 95th percentile and range of some samples (milliseconds). */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return {
    n: sorted.length,
    median: at(0.5),
    p95: at(0.95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  }
}

/**
 * Clicks `clickSelector` and resolves with how long until the grid is full: every visible tile
 * has its summary (a label) and, when `withImages`, every tile image has loaded.
 */
export async function timeUntilGridFull(
  page: Page,
  clickSelector: string,
  withImages: boolean,
): Promise<number> {
  return page.evaluate(
    ({ clickSelector, withImages }) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLElement>(clickSelector)
        if (button === null) return reject(new Error(`No ${clickSelector}`))
        const start = performance.now()
        const isFull = (): boolean => {
          const grid = document.querySelector<HTMLElement>('[data-testid="face-grid"]')
          if (grid === null) return false
          const box = grid.getBoundingClientRect()
          const tiles = [...grid.querySelectorAll<HTMLElement>('[data-testid="face-tile"]')].filter(
            (tile) => {
              const r = tile.getBoundingClientRect()
              return r.bottom > box.top && r.top < box.bottom
            },
          )
          if (tiles.length === 0) return false
          return tiles.every((tile) => {
            if (tile.dataset.label === '') return false
            if (!withImages) return true
            return (
              tile.querySelector<HTMLElement>('[data-testid="face-image"]')?.dataset.ready ===
              'true'
            )
          })
        }
        const poll = (): void => {
          if (isFull()) requestAnimationFrame(() => resolve(performance.now() - start))
          else if (performance.now() - start > 60_000) reject(new Error('grid never filled'))
          else requestAnimationFrame(poll)
        }
        button.click()
        requestAnimationFrame(poll)
      }),
    { clickSelector, withImages },
  )
}

export type FilterTiming = Readonly<{
  /** Click to the first frame where every tile in the DOM shows a label of the new result. */
  labelsMs: number
  /** Click to the first frame where, in addition, every tile shows its face's image. */
  imagesMs: number
}>

/**
 * Clicks a label filter chip and times the redraw: until every tile shows that label (or, when
 * `expectLabel` is null, until the tiles are not all one label any more), and until every tile
 * also shows its image. A tile's image is ready only once its row's strip for the new faces has
 * loaded, so an old face never counts.
 */
export async function timeFilterChange(
  page: Page,
  chipSelector: string,
  expectLabel: string | null,
): Promise<FilterTiming> {
  return page.evaluate(
    ({ chipSelector, expectLabel }) =>
      new Promise<FilterTiming>((resolve, reject) => {
        const chip = document.querySelector<HTMLElement>(chipSelector)
        if (chip === null) return reject(new Error(`No ${chipSelector}`))
        const start = performance.now()
        let labelsMs: number | null = null
        const tiles = () => [...document.querySelectorAll<HTMLElement>('[data-testid="face-tile"]')]
        const labelsDone = (): boolean => {
          const labels = tiles().map((tile) => tile.dataset.label ?? '')
          if (labels.length === 0 || labels.includes('')) return false
          return expectLabel === null
            ? new Set(labels).size > 1
            : labels.every((label) => label === expectLabel)
        }
        const imagesDone = (): boolean =>
          tiles().every(
            (tile) =>
              tile.querySelector<HTMLElement>('[data-testid="face-image"]')?.dataset.ready ===
              'true',
          )
        // A condition seen in one frame is on screen by the next: that frame's time counts.
        let labelsSeen = false
        let imagesSeen = false
        const poll = (): void => {
          const now = performance.now() - start
          if (labelsSeen && labelsMs === null) labelsMs = now
          if (labelsMs !== null && imagesSeen) return resolve({ labelsMs, imagesMs: now })
          if (!labelsSeen) labelsSeen = labelsDone()
          if (labelsSeen) imagesSeen = imagesDone()
          if (now > 30_000) reject(new Error('filter never applied'))
          else requestAnimationFrame(poll)
        }
        chip.click()
        requestAnimationFrame(poll)
      }),
    { chipSelector, expectLabel },
  )
}

export type ScrollResult = Readonly<{
  distancePx: number
  durationMs: number
  frames: number
  fps: number
  frameMs: Stats
  /** Frames that took longer than 25 ms (a visible hitch at 60 Hz). */
  longFrames: number
  /**
   * Sampled ten times a second: of the tiles on screen, the share still without their label or
   * image (a face that pops in late), and the samples that had any.
   */
  blankTiles: Readonly<{ samples: number; share: number; samplesWithBlanks: number }>
}>

/**
 * Scrolls the grid from the top at a steady speed, moving it once per animation frame (a
 * programmatic smooth scroll), to the bottom or for `maxMs`, and counts the frames the page
 * manages meanwhile.
 */
export async function scrollGrid(
  page: Page,
  pxPerSecond: number,
  maxMs = Infinity,
): Promise<ScrollResult> {
  const raw = await page.evaluate(
    ({ pxPerSecond, maxMs }) =>
      new Promise<{
        distance: number
        duration: number
        frameTimes: number[]
        blank: { samples: number; shown: number; blank: number; samplesWithBlanks: number }
      }>((resolve) => {
        const grid = document.querySelector<HTMLElement>('[data-testid="face-grid"]')
        if (grid === null) throw new Error('No face grid')
        grid.scrollTop = 0
        const distance = grid.scrollHeight - grid.clientHeight
        const frameTimes: number[] = []
        const blank = { samples: 0, shown: 0, blank: 0, samplesWithBlanks: 0 }
        // Read before this frame's scroll is set: the layout is the one just painted, and reading
        // it forces no extra layout.
        const sample = (): void => {
          const box = grid.getBoundingClientRect()
          let missing = 0
          for (const tile of grid.querySelectorAll<HTMLElement>('[data-testid="face-tile"]')) {
            const r = tile.getBoundingClientRect()
            if (r.bottom <= box.top || r.top >= box.bottom) continue
            blank.shown++
            const image = tile.querySelector<HTMLElement>('[data-testid="face-image"]')
            if (tile.dataset.label === '' || image?.dataset.ready !== 'true') missing++
          }
          blank.samples++
          blank.blank += missing
          if (missing > 0) blank.samplesWithBlanks++
        }
        let start = 0
        let last = 0
        const step = (now: number): void => {
          if (start === 0) start = last = now
          else frameTimes.push(now - last)
          last = now
          if (frameTimes.length % 6 === 5) sample()
          const top = Math.min(distance, ((now - start) / 1000) * pxPerSecond)
          grid.scrollTop = top
          if (top >= distance || now - start >= maxMs)
            resolve({ distance: top, duration: now - start, frameTimes, blank })
          else requestAnimationFrame(step)
        }
        requestAnimationFrame(step)
      }),
    { pxPerSecond, maxMs: Number.isFinite(maxMs) ? maxMs : 1e12 },
  )
  return {
    distancePx: raw.distance,
    durationMs: raw.duration,
    frames: raw.frameTimes.length,
    fps: (raw.frameTimes.length / raw.duration) * 1000,
    frameMs: stats(raw.frameTimes),
    longFrames: raw.frameTimes.filter((t) => t > 25).length,
    blankTiles: {
      samples: raw.blank.samples,
      share: raw.blank.shown === 0 ? 0 : raw.blank.blank / raw.blank.shown,
      samplesWithBlanks: raw.blank.samplesWithBlanks,
    },
  }
}

export type RelabelTiming = Readonly<{ drawnMs: number; savedMs: number; totalMs: number }>

/**
 * Presses a relabel key on the selected tile and measures from the keydown to the first frame
 * showing the new label (drawn) and to the backend's answer to `labels.set` (saved).
 */
export async function timeRelabel(
  page: Page,
  faceId: number,
  key: string,
  label: string,
): Promise<RelabelTiming> {
  // Phase 1: watch the tile (installed before the key is pressed, so no change can be missed).
  await page.evaluate(
    ({ faceId, label }) => {
      const w = window as unknown as { __relabelDrawn: Promise<number> }
      w.__relabelDrawn = new Promise<number>((resolve, reject) => {
        const tile = document.querySelector<HTMLElement>(
          `[data-testid="face-tile"][data-face-id="${faceId}"]`,
        )
        if (tile === null) return reject(new Error(`No tile ${faceId}`))
        const observer = new MutationObserver(() => {
          if (tile.dataset.label === label) {
            observer.disconnect()
            requestAnimationFrame(() => resolve(performance.now()))
          }
        })
        observer.observe(tile, { attributes: true, attributeFilter: ['data-label'] })
        setTimeout(() => reject(new Error(`tile ${faceId} never showed ${label}`)), 10_000)
      })
    },
    { faceId, label },
  )
  // Phase 2: a real key press, then wait for the frame that shows it.
  await page.keyboard.press(key)
  const drawnAt = await page.evaluate(
    () => (window as unknown as { __relabelDrawn: Promise<number> }).__relabelDrawn,
  )
  const savedAt = await page.waitForFunction(() => {
    const w = window as unknown as {
      __lastKeyAt: number
      __socketLog: { t: number; dir: string; id?: number; method?: string }[]
    }
    const sent = w.__socketLog.find(
      (m) => m.dir === 'out' && m.method === 'labels.set' && m.t >= w.__lastKeyAt,
    )
    const answer = sent && w.__socketLog.find((m) => m.dir === 'in' && m.id === sent.id)
    return answer ? answer.t : false
  })
  const keyAt = await page.evaluate(
    () => (window as unknown as { __lastKeyAt: number }).__lastKeyAt,
  )
  const saved = (await savedAt.jsonValue()) as number
  return {
    drawnMs: drawnAt - keyAt,
    savedMs: saved - keyAt,
    totalMs: Math.max(drawnAt, saved) - keyAt,
  }
}
