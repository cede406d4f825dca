import { useState } from 'react'

import type { DatasetSummary } from '../../../shared/domain'
import { ConfirmButton } from '../../components/ConfirmButton'
import { formatCount, formatDateTime } from '../../lib/format'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { openFinding } from '../../stores/openFinding'
import { useUiStore } from '../../stores/ui/uiStore'
import { ClassMixBar } from './ClassMixBar'
import { ExportForm } from './ExportForm'
import { FerPlusForm } from './FerPlusForm'
import { FindingsBadges } from './FindingsBadges'

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0)

/** One dataset in the table, with inline rename, export and (FER2013 CSV imports) FER+ votes. */
export function DatasetRow({ dataset }: Readonly<{ dataset: DatasetSummary }>) {
  const currentId = useDatasetsStore((s) => s.currentId)
  const selectDataset = useDatasetsStore((s) => s.selectDataset)
  const renameDataset = useDatasetsStore((s) => s.renameDataset)
  const deleteDataset = useDatasetsStore((s) => s.deleteDataset)
  const setScreen = useUiStore((s) => s.setScreen)
  const [mode, setMode] = useState<'view' | 'rename' | 'export' | 'ferplus'>('view')
  const toggle = (next: typeof mode) => setMode(mode === next ? 'view' : next)
  // FER+ votes are matched by FER2013 row, so only a dataset imported from that CSV takes them.
  const canTakeFerPlus = dataset.source === 'fer2013-csv'
  const close = () => setMode('view')
  const form =
    mode === 'export' ? (
      <ExportForm datasetId={dataset.id} onDone={close} />
    ) : mode === 'ferplus' ? (
      <FerPlusForm datasetId={dataset.id} onDone={close} />
    ) : null
  const [name, setName] = useState(dataset.name)
  const isCurrent = currentId === dataset.id
  const all = dataset.counts.train.map(
    (n, i) => n + (dataset.counts.validation[i] ?? 0) + (dataset.counts.test[i] ?? 0),
  )

  const submitRename = async (): Promise<void> => {
    if (name.trim() === '' || name === dataset.name) return setMode('view')
    if (await renameDataset(dataset.id, name.trim())) setMode('view')
  }

  return (
    <>
      <tr
        className={isCurrent ? 'current' : undefined}
        data-testid="dataset-row"
        data-dataset-id={dataset.id}
        onClick={() => selectDataset(dataset.id)}
      >
        <td>
          {mode === 'rename' ? (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault()
                void submitRename()
              }}
              onClick={(e) => e.stopPropagation()}
            >
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-label="New name"
                data-testid="rename-input"
                autoFocus
                onKeyDown={(e) => e.key === 'Escape' && setMode('view')}
              />
              <button type="submit" className="small">
                Save
              </button>
            </form>
          ) : (
            <div className="dataset-name">
              <strong>{dataset.name}</strong>
              <span className="muted">
                {dataset.source} · {formatDateTime(dataset.createdAt)}
              </span>
            </div>
          )}
        </td>
        <td className="num" data-testid="dataset-face-count">
          {formatCount(dataset.faceCount)}
        </td>
        <td className="num">{formatCount(sum(dataset.counts.train))}</td>
        <td className="num">{formatCount(sum(dataset.counts.validation))}</td>
        <td className="num">{formatCount(sum(dataset.counts.test))}</td>
        <td>
          <ClassMixBar counts={all} />
        </td>
        <td>
          <FindingsBadges
            duplicates={dataset.duplicates}
            hasFerPlus={dataset.hasFerPlus}
            onOpen={(finding) => openFinding(dataset.id, finding)}
          />
        </td>
        <td className="dataset-actions" onClick={(e) => e.stopPropagation()}>
          <button
            type="button"
            className="small"
            onClick={() => {
              selectDataset(dataset.id)
              setScreen('faces')
            }}
            data-testid="dataset-open"
          >
            Open
          </button>
          <button type="button" className="small ghost" onClick={() => toggle('rename')}>
            Rename
          </button>
          <button
            type="button"
            className="small ghost"
            onClick={() => toggle('export')}
            data-testid="dataset-export"
          >
            Export
          </button>
          {canTakeFerPlus ? (
            <button
              type="button"
              className="small ghost"
              onClick={() => toggle('ferplus')}
              title="Attach the FER+ annotators' votes (fer2013new.csv) to these faces"
              data-testid="dataset-ferplus"
            >
              FER+ votes…
            </button>
          ) : null}
          <ConfirmButton
            className="small ghost danger"
            confirmLabel="Delete for good?"
            onConfirm={() => void deleteDataset(dataset.id)}
            testId="dataset-delete"
          >
            Delete
          </ConfirmButton>
        </td>
      </tr>
      {form !== null ? (
        <tr className="dataset-subrow">
          <td colSpan={8}>{form}</td>
        </tr>
      ) : null}
    </>
  )
}
