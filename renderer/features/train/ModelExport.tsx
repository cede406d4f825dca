import { useState } from 'react'

import type { ModelFormat, RunId } from '../../../shared/domain'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { PathField } from '../library/PathField'

type Props = Readonly<{ runId: RunId }>

const FORMAT_LABELS: Readonly<Record<ModelFormat, string>> = {
  tfjs: 'TF.js folder (model.json, weights.bin)',
  onnx: 'ONNX (model.onnx, for ONNX Runtime)',
}

/**
 * "Export model…": writes the run's best model to a folder as TF.js or ONNX, the same as
 * `fer-studio export-model`. Shown on the Train and Evaluate screens.
 */
export function ModelExport({ runId }: Props) {
  const exportModel = useTrainingStore((s) => s.exportModel)
  const [open, setOpen] = useState(false)
  const [format, setFormat] = useState<ModelFormat>('onnx')
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="model-export-open">
        Export model…
      </button>
    )
  }
  return (
    <form
      className="export-form row wrap"
      data-testid="model-export"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        const done = await exportModel(runId, format, path.trim())
        setBusy(false)
        if (done) setOpen(false)
      }}
    >
      <label className="row">
        <span>Format</span>
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as ModelFormat)}
          data-testid="model-export-format"
        >
          {(Object.keys(FORMAT_LABELS) as ModelFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <PathField
        label="To folder"
        value={path}
        onChange={setPath}
        placeholder="/path/to/folder"
        testId="model-export-path"
        chooser="save-folder"
      />
      <button
        type="submit"
        className="primary"
        disabled={busy || path.trim() === ''}
        data-testid="model-export-start"
      >
        {busy ? 'Exporting…' : 'Export'}
      </button>
      <button type="button" className="ghost" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
    </form>
  )
}
