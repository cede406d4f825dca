import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { DATASET_CATALOG } from '../shared/domain/datasetCatalog'

const HERE = path.dirname(fileURLToPath(import.meta.url))

describe('datasets/', () => {
  it('loads every dataset file it holds into the catalog', async () => {
    const files = (await readdir(HERE)).filter(
      (f) => f.endsWith('.json') && f !== 'label-names.json',
    )
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(
      DATASET_CATALOG.map((d) => d.id).sort(),
    )
  })

  it('has a page for people per dataset, with its licence and citation, listed in README.md', async () => {
    const index = await readFile(path.join(HERE, 'README.md'), 'utf8')
    for (const dataset of DATASET_CATALOG) {
      const page = await readFile(path.join(HERE, `${dataset.id}.md`), 'utf8')
      expect(page, dataset.id).toContain(`# ${dataset.name}`)
      expect(page, dataset.id).toContain(dataset.licence)
      expect(page, dataset.id).toContain(dataset.citation)
      expect(index, dataset.id).toContain(`(${dataset.id}.md)`)
    }
  })
})
