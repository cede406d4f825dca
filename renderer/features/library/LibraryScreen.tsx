import { useState } from 'react'

import { EmptyState } from '../../components/EmptyState'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { DatasetTable } from './DatasetTable'
import { ImportPanel } from './ImportPanel'
import { PublicDatasetsGuide } from './PublicDatasetsGuide'
import './library.css'

/** Datasets with their counts and findings, the import flow, and the demo on first start. */
export function LibraryScreen() {
  const datasets = useDatasetsStore(datasetsSelectors.datasets)
  const isEmpty = useDatasetsStore(datasetsSelectors.isEmpty)
  const listStatus = useDatasetsStore((s) => s.listStatus)
  const creatingDemo = useDatasetsStore((s) => s.creatingDemo)
  const createDemo = useDatasetsStore((s) => s.createDemo)
  const importing = useDatasetsStore((s) => s.activeJobId !== null)
  const [showImport, setShowImport] = useState(false)
  const importOpen = showImport || importing

  const demoButton = (primary: boolean) => (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      onClick={() => void createDemo()}
      disabled={creatingDemo}
      data-testid="create-demo"
    >
      {creatingDemo ? 'Creating the demo dataset…' : 'Create the demo dataset'}
    </button>
  )

  return (
    <div className="screen library-screen">
      <div className="screen-header">
        <h1>Library</h1>
        <span className="muted">
          {listStatus === 'loading' ? 'Loading…' : `${datasets.length} datasets`}
        </span>
        <div className="spacer" />
        {!isEmpty ? demoButton(false) : null}
        <button
          type="button"
          className={isEmpty ? undefined : 'primary'}
          onClick={() => setShowImport(!importOpen)}
          aria-expanded={importOpen}
          data-testid="import-open"
        >
          Import dataset…
        </button>
      </div>
      {isEmpty && !importOpen ? (
        <EmptyState
          title="No datasets yet"
          testId="library-empty"
          action={
            <>
              {demoButton(true)}
              <button type="button" onClick={() => setShowImport(true)}>
                Import a dataset…
              </button>
            </>
          }
        >
          <p>
            The demo dataset is synthetic cartoon faces with the seven expressions, drawn on this
            computer — imbalanced like FER2013 and small enough to train a model on in a few
            minutes.
          </p>
          <p>Or import the FER2013 CSV, a folder per class, or a manifest CSV.</p>
        </EmptyState>
      ) : null}
      {importOpen ? <ImportPanel onClose={() => setShowImport(false)} /> : null}
      {datasets.length > 0 ? <DatasetTable /> : null}
      <PublicDatasetsGuide />
    </div>
  )
}
