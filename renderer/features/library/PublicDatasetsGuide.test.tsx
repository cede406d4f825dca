// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { DATASET_CATALOG } from '../../../shared/domain'
import { PublicDatasetsGuide } from './PublicDatasetsGuide'

afterEach(cleanup)

describe('PublicDatasetsGuide', () => {
  it('lists every dataset of the catalog with its class mapping, licence and citation', () => {
    render(<PublicDatasetsGuide />)
    for (const dataset of DATASET_CATALOG) {
      expect(screen.getByTestId(`public-${dataset.id}`).textContent).toContain(dataset.citation)
    }
    expect(screen.getByTestId('public-rafdb-classes').textContent).toContain('Happiness → happy')
    expect(screen.getByTestId('public-ckplus-classes').textContent).toContain(
      'contempt → not imported',
    )
    expect(screen.getByTestId('public-fer2013').textContent).toContain('FER2013 CSV')
  })
})
