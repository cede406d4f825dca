import { useEffect, useState } from 'react'

import { ProgressBar } from '../../components/ProgressBar'
import { baseName, formatCount } from '../../lib/format'
import { useDebounced } from '../../lib/useDebounced'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { openFinding } from '../../stores/openFinding'
import { uiSelectors, useUiStore } from '../../stores/ui/uiStore'
import { ImportReportView } from './ImportReportView'

const PHASE_LABEL = {
  reading: 'Reading',
  hashing: 'Finding duplicates',
  committing: 'Saving',
  done: 'Done',
}

/**
 * Import flow: a path (typed, or from the native chooser in the desktop app), the format the
 * backend detects, a name and the skip-bad option; then live progress; then the report.
 */
export function ImportPanel({ onClose }: Readonly<{ onClose: () => void }>) {
  const detection = useDatasetsStore((s) => s.detection)
  const detectFormat = useDatasetsStore((s) => s.detectFormat)
  const startImport = useDatasetsStore((s) => s.startImport)
  const resetImport = useDatasetsStore((s) => s.resetImport)
  const cancelImport = useDatasetsStore((s) => s.cancelImport)
  const choosePath = useDatasetsStore((s) => s.choosePath)
  const starting = useDatasetsStore((s) => s.starting)
  const startError = useDatasetsStore((s) => s.startError)
  const job = useDatasetsStore(datasetsSelectors.activeJob)
  const hasFileDialog = useUiStore(uiSelectors.hasFileDialog)
  const setScreen = useUiStore((s) => s.setScreen)

  const [path, setPath] = useState('')
  const [name, setName] = useState('')
  const [nameTouched, setNameTouched] = useState(false)
  const [skipBad, setSkipBad] = useState(false)
  const debouncedPath = useDebounced(path, 350)

  useEffect(() => {
    void detectFormat(debouncedPath)
  }, [debouncedPath, detectFormat])
  useEffect(() => {
    if (!nameTouched) setName(baseName(path))
  }, [path, nameTouched])

  const close = (): void => {
    resetImport()
    onClose()
  }

  if (job !== null) {
    if (job.report !== null) {
      return (
        <section className="panel import-panel" aria-label="Import report">
          <ImportReportView
            report={job.report}
            onOpenFinding={(finding) => {
              const datasetId = job.report?.datasetId
              close()
              if (datasetId !== undefined) openFinding(datasetId, finding)
            }}
          />
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              onClick={() => (close(), setScreen('faces'))}
              data-testid="import-open-faces"
            >
              Open in Faces
            </button>
            <button type="button" onClick={() => resetImport()}>
              Import another
            </button>
            <button type="button" className="ghost" onClick={close}>
              Close
            </button>
          </div>
        </section>
      )
    }
    if (job.error !== null) {
      const cancelled = job.error.code === 'CANCELLED'
      return (
        <section
          className="panel import-panel"
          aria-label={cancelled ? 'Import cancelled' : 'Import failed'}
        >
          <h2 className={cancelled ? undefined : 'error-text'} data-testid="import-ended">
            {cancelled ? 'Import cancelled' : 'Import failed'}
          </h2>
          <p className="import-error mono" data-testid="import-error">
            {job.error.message}
          </p>
          <p className="hint">Nothing was stored: datasets you already have are untouched.</p>
          <div className="import-actions">
            <button type="button" onClick={() => resetImport()}>
              Back
            </button>
          </div>
        </section>
      )
    }
    return (
      <section className="panel import-panel" aria-label="Importing" aria-busy="true">
        <h2>Importing “{name}”</h2>
        <ProgressBar
          value={job.total !== null ? job.done : job.fraction}
          max={job.total ?? (job.fraction === null ? null : 1)}
          label="Import progress"
          testId="import-progress"
        />
        <p className="muted" data-testid="import-phase">
          {PHASE_LABEL[job.phase]} — {formatCount(job.done)}
          {job.total !== null
            ? ` of ${formatCount(job.total)}`
            : ` faces${job.fraction !== null ? ` · ${Math.floor(job.fraction * 100)}% of the file` : ''}`}
        </p>
        <div className="import-actions">
          <button
            type="button"
            onClick={() => void cancelImport()}
            disabled={job.cancelling || job.phase === 'committing' || job.phase === 'done'}
            data-testid="import-cancel"
          >
            {job.cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        </div>
      </section>
    )
  }

  const canStart =
    path.trim() !== '' && name.trim() !== '' && detection.status === 'detected' && !starting
  return (
    <section className="panel import-panel" aria-label="Import a dataset">
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!canStart || detection.status !== 'detected') return
          void startImport({
            path: path.trim(),
            name: name.trim(),
            skipBad,
            format: detection.format,
          })
        }}
      >
        <label className="field">
          <span>File or folder</span>
          <div className="row">
            <input
              className="grow mono"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="/data/fer2013.csv, /data/fer2013/ (a folder per class) or a manifest CSV"
              data-testid="import-path"
              autoFocus
            />
            {hasFileDialog ? (
              <>
                <button
                  type="button"
                  onClick={async () => setPath((await choosePath('file')) ?? path)}
                >
                  Choose file…
                </button>
                <button
                  type="button"
                  onClick={async () => setPath((await choosePath('folder')) ?? path)}
                >
                  Choose folder…
                </button>
              </>
            ) : null}
          </div>
          <span className="hint" data-testid="import-detected-format">
            {detection.status === 'idle' &&
              'Type the path of a FER2013 CSV (plain or .gz), a folder per class, or a manifest CSV.'}
            {detection.status === 'detecting' && 'Looking at it…'}
            {detection.status === 'detected' && (
              <>
                <span className="badge ok">{detection.format}</span> {detection.description}
              </>
            )}
            {detection.status === 'failed' && (
              <span className="error-text">{detection.message}</span>
            )}
          </span>
        </label>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value)
              setNameTouched(true)
            }}
            data-testid="import-name"
          />
        </label>
        <label className="row">
          <input
            type="checkbox"
            checked={skipBad}
            onChange={(e) => setSkipBad(e.target.checked)}
            data-testid="import-skip-bad"
          />
          <span>
            Skip bad rows{' '}
            <span className="hint">
              — import the good ones and write a report of every rejected row (default: all or
              nothing)
            </span>
          </span>
        </label>
        {startError !== null ? (
          <p className="error-text" data-testid="import-error">
            {startError}
          </p>
        ) : null}
        <div className="import-actions">
          <button type="submit" className="primary" disabled={!canStart} data-testid="import-start">
            {starting ? 'Starting…' : 'Import'}
          </button>
          <button type="button" className="ghost" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
