import { describe, expect, it } from 'vitest'

import { isAbsolutePath } from './paths'

describe('isAbsolutePath', () => {
  it('takes POSIX, drive and UNC paths and refuses relative ones', () => {
    for (const p of ['/tmp/x.csv', 'C:\\out\\x.csv', 'd:/x.csv', '\\\\server\\share\\x.csv'])
      expect(isAbsolutePath(p), p).toBe(true)
    for (const p of ['x.csv', './x.csv', '../x', 'C:x.csv', '~/x.csv', ''])
      expect(isAbsolutePath(p), p).toBe(false)
  })
})
