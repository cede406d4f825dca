import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const FOLDERS = ['shared', 'electron', 'renderer', 'scripts', 'bin', 'e2e', 'bench', 'datasets']
const SOURCE = /\.(ts|tsx|js|mjs|css|md|yml|json)$/
// Files the team keeps outside the repository; comments point at docs/ARCHITECTURE.md instead.
const OUTSIDE = ['HOUSE', 'STYLE'].join('_') + '|' + ['TEAM', 'md'].join('\\.')

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (name === 'node_modules' || name === 'results') continue
    if (statSync(full).isDirectory()) yield* files(full)
    else if (SOURCE.test(name)) yield full
  }
}

describe('the repository stands on its own', () => {
  it('cites no file outside it in code or comments', () => {
    const pattern = new RegExp(OUTSIDE)
    const citing = FOLDERS.flatMap((folder) => [...files(path.join(ROOT, folder))])
      .concat(['eslint.config.js', 'electron-builder.yml'].map((f) => path.join(ROOT, f)))
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file))
    expect(citing).toEqual([])
  })
})
