import { create } from 'zustand'

import type { PresentRun } from '../../../shared/contract'
import type { RunId, RunSummary } from '../../../shared/domain'
import { studio } from '../../api/client'
import { toastError } from '../ui/uiStore'

/** Playback speeds, in epochs per second. */
export const SPEEDS = [0.5, 1, 2, 4] as const

export type PresentStore = {
  /** Finished runs with at least one epoch, newest first, across datasets. */
  runs: readonly RunSummary[]
  runId: RunId | null
  run: PresentRun | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Index into `run.epochs` being shown. */
  epochIndex: number
  playing: boolean
  speedIndex: number
  loadRuns(): Promise<void>
  load(runId: RunId): Promise<void>
  togglePlay(): void
  /** Moves by `delta` epochs (clamped); stops playback. */
  step(delta: number): void
  seek(index: number): void
  faster(): void
  slower(): void
  /** Advances one epoch while playing; stops at the last. */
  tick(): void
}

const lastIndex = (s: PresentStore) => Math.max(0, (s.run?.epochs.length ?? 1) - 1)

/** Present mode: one finished run replayed epoch by epoch, with play, pause, step and speed. */
export const usePresentStore = create<PresentStore>()((set, get) => ({
  runs: [],
  runId: null,
  run: null,
  status: 'idle',
  epochIndex: 0,
  playing: false,
  speedIndex: 1,
  async loadRuns() {
    try {
      const runs = await studio.call('training.listRuns', {})
      set({ runs: runs.filter((r) => r.epochsDone > 0 && r.status !== 'running') })
    } catch (err) {
      toastError(err)
    }
  },
  async load(runId) {
    set({ runId, status: 'loading', run: null, epochIndex: 0, playing: false })
    try {
      const run = await studio.call('present.getRun', { runId })
      if (get().runId === runId) set({ run, status: 'ready', epochIndex: 0 })
    } catch (err) {
      set({ status: 'error' })
      toastError(err)
    }
  },
  togglePlay() {
    const s = get()
    // Playing from the last epoch starts over.
    if (!s.playing && s.epochIndex >= lastIndex(s)) set({ epochIndex: 0 })
    set({ playing: !s.playing })
  },
  step: (delta) =>
    set((s) => ({
      playing: false,
      epochIndex: Math.min(lastIndex(s), Math.max(0, s.epochIndex + delta)),
    })),
  seek: (index) => set((s) => ({ epochIndex: Math.min(lastIndex(s), Math.max(0, index)) })),
  faster: () => set((s) => ({ speedIndex: Math.min(SPEEDS.length - 1, s.speedIndex + 1) })),
  slower: () => set((s) => ({ speedIndex: Math.max(0, s.speedIndex - 1) })),
  tick() {
    const s = get()
    if (!s.playing) return
    if (s.epochIndex >= lastIndex(s)) set({ playing: false })
    else set({ epochIndex: s.epochIndex + 1 })
  },
}))
