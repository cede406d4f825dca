import { describe, expect, it } from 'vitest'

import { fakeDataset } from '../test/fixtures'
import { splitsWithFaces } from './splitsWithFaces'

describe('splitsWithFaces', () => {
  it('leaves out splits without faces', () => {
    // The fake dataset has train and validation faces and an empty test split.
    expect(splitsWithFaces(fakeDataset())).toEqual(['train', 'validation'])
    expect(splitsWithFaces(null)).toEqual(['train', 'validation', 'test'])
  })
})
