import { describe, expect, it } from 'vitest'

import { AugmentConfig, NO_AUGMENTATION } from '../../../../shared/domain/training'
import { augmentPreview } from './preview'
import { createRng } from './rng'

const SIZE = 16
const rng = createRng(1)
const sources = [0, 1, 2].map(() => Uint8Array.from({ length: SIZE * SIZE }, () => rng.int(256)))

describe('augmentPreview', () => {
  it('returns count byte images cycling through the sources', () => {
    const copies = augmentPreview(sources, SIZE, NO_AUGMENTATION, 7, 1)
    expect(copies).toHaveLength(7)
    copies.forEach((copy, i) => expect(copy).toEqual(sources[i % 3]))
  })

  it('changes the faces with augmentation on, the same way for the same seed', () => {
    const config = AugmentConfig.parse({})
    const copies = augmentPreview(sources, SIZE, config, 6, 4)
    expect(augmentPreview(sources, SIZE, config, 6, 4)).toEqual(copies)
    expect(augmentPreview(sources, SIZE, config, 6, 5)).not.toEqual(copies)
    expect(copies[0]).not.toEqual(sources[0])
    expect(copies[3]).not.toEqual(copies[0])
    copies.forEach((copy) => expect(copy).toHaveLength(SIZE * SIZE))
  })

  it('returns nothing for no sources', () => {
    expect(augmentPreview([], SIZE, NO_AUGMENTATION, 4, 1)).toEqual([])
  })
})
