import { useState } from 'react'

import type { DatasetId } from '../../../shared/domain'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { PathField } from './PathField'

type Props = Readonly<{ datasetId: DatasetId; onDone: () => void }>

/**
 * Attaches the FER+ votes file (fer2013new.csv: ten annotators' votes per face) to a dataset
 * imported from the FER2013 CSV, row by row. Replaces votes attached before. A file that is not
 * row-aligned with the dataset is refused with the row that disagrees, and nothing changes.
 */
export function FerPlusForm({ datasetId, onDone }: Props) {
  const attachFerPlus = useDatasetsStore((s) => s.attachFerPlus)
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="export-form row wrap"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        const attached = await attachFerPlus(datasetId, path.trim())
        setBusy(false)
        if (attached) onDone()
      }}
    >
      <PathField
        label="FER+ votes file"
        value={path}
        onChange={setPath}
        placeholder="/path/to/fer2013new.csv"
        testId="ferplus-path"
        chooser="file"
      />
      <button
        type="submit"
        className="primary"
        disabled={busy || path.trim() === ''}
        data-testid="ferplus-attach"
      >
        {busy ? 'Attaching…' : 'Attach votes'}
      </button>
      <button type="button" className="ghost" onClick={onDone} disabled={busy}>
        Cancel
      </button>
    </form>
  )
}
