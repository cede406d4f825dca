import { beforeEach, describe, expect, it } from 'vitest'

import type { PresentRun } from '../../../shared/contract'
import { usePresentStore } from './presentStore'

const run = { epochs: [{}, {}, {}, {}] } as unknown as PresentRun

beforeEach(() => {
  usePresentStore.setState(usePresentStore.getInitialState(), true)
  usePresentStore.setState({ run, status: 'ready' })
})

describe('presentStore playback', () => {
  it('plays epoch by epoch and stops at the last', () => {
    const s = usePresentStore.getState()
    s.togglePlay()
    for (let i = 0; i < 5; i++) usePresentStore.getState().tick()
    expect(usePresentStore.getState()).toMatchObject({ epochIndex: 3, playing: false })
    // Play from the end starts over.
    usePresentStore.getState().togglePlay()
    expect(usePresentStore.getState()).toMatchObject({ epochIndex: 0, playing: true })
  })

  it('steps within bounds and pauses; speed stays within its range', () => {
    const s = usePresentStore.getState()
    s.togglePlay()
    s.step(1)
    expect(usePresentStore.getState()).toMatchObject({ epochIndex: 1, playing: false })
    s.step(-5)
    expect(usePresentStore.getState().epochIndex).toBe(0)
    s.step(10)
    expect(usePresentStore.getState().epochIndex).toBe(3)
    for (let i = 0; i < 6; i++) usePresentStore.getState().faster()
    expect(usePresentStore.getState().speedIndex).toBe(3)
    for (let i = 0; i < 6; i++) usePresentStore.getState().slower()
    expect(usePresentStore.getState().speedIndex).toBe(0)
  })
})
