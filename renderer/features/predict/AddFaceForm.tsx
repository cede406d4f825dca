import { useState } from 'react'

import { EMOTIONS, type Emotion } from '../../../shared/domain'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { usePredictStore } from '../../stores/predict/predictStore'

const NEW = 'new'

/** Adds the selected face to a dataset (or a new one) with a label: collecting your own data. */
export function AddFaceForm({ predicted }: Readonly<{ predicted: Emotion }>) {
  const datasets = useDatasetsStore(datasetsSelectors.datasets)
  const [target, setTarget] = useState<string>(() => String(datasets[0]?.id ?? NEW))
  const [name, setName] = useState('my faces')
  const [label, setLabel] = useState<Emotion>(predicted)
  const [busy, setBusy] = useState(false)
  const add = async () => {
    setBusy(true)
    const ok = await usePredictStore
      .getState()
      .addSelectedFace(
        target === NEW
          ? { kind: 'new', name }
          : { kind: 'existing', datasetId: Number(target) as never },
        label,
      )
    setBusy(false)
    if (ok && target === NEW) {
      await useDatasetsStore.getState().loadDatasets()
      const created = useDatasetsStore.getState().datasets.find((d) => d.name === name.trim())
      if (created) setTarget(String(created.id))
    }
  }
  return (
    <form
      className="add-face-form"
      onSubmit={(e) => {
        e.preventDefault()
        void add()
      }}
      data-testid="add-face-form"
    >
      <label className="field">
        <span className="muted">Dataset</span>
        <select
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="add-face-dataset"
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
          <option value={NEW}>New dataset…</option>
        </select>
      </label>
      {target === NEW ? (
        <label className="field">
          <span className="muted">Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="add-face-name"
          />
        </label>
      ) : null}
      <label className="field">
        <span className="muted">Label</span>
        <select
          value={label}
          onChange={(e) => setLabel(e.target.value as Emotion)}
          data-testid="add-face-label"
        >
          {EMOTIONS.map((emotion) => (
            <option key={emotion} value={emotion}>
              {emotion}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="add-face-submit">
        Add to dataset
      </button>
    </form>
  )
}
