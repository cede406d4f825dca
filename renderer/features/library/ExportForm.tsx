import { useState } from 'react'

import type { DatasetId } from '../../../shared/domain'
import { ProgressBar } from '../../components/ProgressBar'
import { formatCount } from '../../lib/format'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { PathField } from './PathField'

type Props = Readonly<{ datasetId: DatasetId; onDone: () => void }>

/** Export with current labels, as a FER2013 CSV file or a folder per class. */
export function ExportForm({ datasetId, onDone }: Props) {
  const exportDataset = useDatasetsStore((s) => s.exportDataset)
  const exporting = useDatasetsStore((s) =>
    s.exporting?.datasetId === datasetId ? s.exporting : null,
  )
  const [format, setFormat] = useState<'fer2013-csv' | 'folder'>('fer2013-csv')
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  /** The file at `path` exists: the user is asked before it is replaced. */
  const [confirming, setConfirming] = useState(false)
  const run = async (overwrite: boolean): Promise<void> => {
    setBusy(true)
    setConfirming(false)
    const result = await exportDataset(datasetId, format, path.trim(), overwrite)
    setBusy(false)
    if (result === 'exists') setConfirming(true)
    else onDone()
  }
  return (
    <form
      className="export-form row wrap"
      onSubmit={(e) => {
        e.preventDefault()
        void run(false)
      }}
    >
      <label className="row">
        <span>Format</span>
        <select
          value={format}
          onChange={(e) => {
            setFormat(e.target.value as typeof format)
            setConfirming(false)
          }}
          data-testid="export-format"
        >
          <option value="fer2013-csv">FER2013 CSV (emotion,pixels,Usage)</option>
          <option value="folder">Folder per class (PNG)</option>
        </select>
      </label>
      <PathField
        label="To"
        value={path}
        onChange={(value) => {
          setPath(value)
          setConfirming(false)
        }}
        placeholder={format === 'folder' ? '/path/to/folder' : '/path/to/file.csv'}
        testId="export-path"
        chooser="save-folder"
      />
      <button
        type="submit"
        className="primary"
        disabled={busy || path.trim() === ''}
        data-testid="export-start"
      >
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {/* Closing the form does not stop an export under way: its result still comes as a toast. */}
      <button type="button" className="ghost" onClick={onDone}>
        {busy ? 'Close' : 'Cancel'}
      </button>
      {confirming ? (
        <div className="row grow" role="alert" data-testid="export-confirm">
          <span>{path.trim()} already exists. Replace it?</span>
          <button
            type="button"
            className="danger"
            onClick={() => void run(true)}
            data-testid="export-replace"
          >
            Replace
          </button>
          <button type="button" className="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : null}
      {exporting !== null ? (
        <div className="row grow" data-testid="export-status">
          <ProgressBar
            value={exporting.total === null ? null : exporting.done}
            max={exporting.total}
            label="Export progress"
            testId="export-progress"
          />
          <span className="muted">
            {exporting.total === null
              ? 'Starting…'
              : `${formatCount(exporting.done)} of ${formatCount(exporting.total)} faces`}
          </span>
        </div>
      ) : null}
    </form>
  )
}
