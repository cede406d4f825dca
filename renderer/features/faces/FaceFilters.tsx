import { useEffect, useState } from 'react'

import { EMOTIONS, SPLITS } from '../../../shared/domain'
import type { Emotion, RunId } from '../../../shared/domain'
import { EmotionDot } from '../../components/EmotionDot'
import { useDebounced } from '../../lib/useDebounced'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { ChipGroup } from './ChipGroup'

const emotionChip = (emotion: Emotion) => (
  <>
    <EmotionDot emotion={emotion} />
    {emotion}
  </>
)

/** Every filter of the grid; changes apply at once (sliders after they settle). */
export function FaceFilters() {
  const filter = useFacesStore(facesSelectors.filter)
  const explicit = useFacesStore(facesSelectors.explicit)
  const activeCount = useFacesStore(facesSelectors.activeFilterCount)
  const setFilter = useFacesStore((s) => s.setFilter)
  const resetFilter = useFacesStore((s) => s.resetFilter)
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const runs = useTrainingStore((s) => s.runs)
  const finishedRuns = runs.filter((r) => r.epochsDone > 0)
  const hasPredictions = finishedRuns.length > 0

  // Confidence sliders query the backend only once they stop moving.
  const [confidence, setConfidence] = useState<[number, number]>([
    filter.minConfidence ?? 0,
    filter.maxConfidence ?? 1,
  ])
  const settled = useDebounced(confidence, 250)
  useEffect(() => {
    setConfidence([filter.minConfidence ?? 0, filter.maxConfidence ?? 1])
  }, [filter.minConfidence, filter.maxConfidence])
  useEffect(() => {
    const [min, max] = settled
    const current = useFacesStore.getState().filter
    const nextMin = min > 0 ? min : undefined
    const nextMax = max < 1 ? max : undefined
    if (nextMin !== current.minConfidence || nextMax !== current.maxConfidence) {
      setFilter({ minConfidence: nextMin, maxConfidence: nextMax })
    }
  }, [settled, setFilter])

  return (
    <aside className="face-filters" aria-label="Filters">
      <div className="face-filters-head">
        <h2>Filters</h2>
        <button
          type="button"
          className="small ghost"
          onClick={resetFilter}
          disabled={activeCount === 0 && !explicit}
          data-testid="filter-reset"
        >
          Reset{activeCount > 0 ? ` (${activeCount})` : ''}
        </button>
      </div>
      <div className="face-filters-body" aria-disabled={explicit !== null}>
        <ChipGroup
          label="Label"
          options={EMOTIONS}
          value={filter.labels}
          onChange={(labels) => setFilter({ labels: labels as Emotion[] | undefined })}
          render={emotionChip}
          testIdPrefix="filter-label"
        />
        <ChipGroup
          label="Split"
          options={SPLITS}
          value={filter.splits}
          onChange={(splits) =>
            setFilter({ splits: splits as (typeof SPLITS)[number][] | undefined })
          }
          testIdPrefix="filter-split"
        />
        <fieldset className="chip-group">
          <legend>Curation</legend>
          <label className="row">
            <input
              type="checkbox"
              checked={filter.duplicatesOnly ?? false}
              onChange={(e) => setFilter({ duplicatesOnly: e.target.checked || undefined })}
              data-testid="filter-duplicates"
            />
            Has duplicates
          </label>
          <label className="row">
            <input
              type="checkbox"
              checked={filter.relabeledOnly ?? false}
              onChange={(e) => setFilter({ relabeledOnly: e.target.checked || undefined })}
              data-testid="filter-relabeled"
            />
            Relabelled
          </label>
        </fieldset>
        {dataset?.hasFerPlus ? (
          <ChipGroup
            label="FER+ majority"
            options={EMOTIONS}
            value={filter.ferPlusMajority}
            onChange={(v) => setFilter({ ferPlusMajority: v as Emotion[] | undefined })}
            render={emotionChip}
            testIdPrefix="filter-ferplus"
          />
        ) : null}
        <fieldset className="chip-group" disabled={!hasPredictions}>
          <legend>Model predictions</legend>
          {!hasPredictions ? (
            <p className="hint">Train a model to filter and sort by its predictions.</p>
          ) : null}
          <label className="field">
            <span className="muted">Run</span>
            <select
              value={filter.runId ?? ''}
              onChange={(e) =>
                setFilter({
                  runId: e.target.value === '' ? undefined : (Number(e.target.value) as RunId),
                })
              }
              data-testid="filter-run"
            >
              <option value="">Latest finished run</option>
              {finishedRuns.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label className="row">
            <input
              type="checkbox"
              checked={filter.disagreesOnly ?? false}
              onChange={(e) => setFilter({ disagreesOnly: e.target.checked || undefined })}
              data-testid="filter-disagrees"
            />
            Model disagrees with label
          </label>
          <ChipGroup
            label="Predicted"
            options={EMOTIONS}
            value={filter.predicted}
            onChange={(v) => setFilter({ predicted: v as Emotion[] | undefined })}
            render={emotionChip}
            testIdPrefix="filter-predicted"
          />
          <div className="confidence-range">
            <span className="muted">
              Confidence {Math.round(confidence[0] * 100)}% – {Math.round(confidence[1] * 100)}%
            </span>
            <label className="row">
              <span className="range-label">min</span>
              <input
                type="range"
                min={0}
                max={1}
                step={0.01}
                value={confidence[0]}
                onChange={(e) =>
                  setConfidence([Math.min(Number(e.target.value), confidence[1]), confidence[1]])
                }
                aria-label="Minimum confidence"
                data-testid="filter-min-confidence"
              />
            </label>
            <label className="row">
              <span className="range-label">max</span>
              <input
                type="range"
                min={0}
                max={1}
                step={0.01}
                value={confidence[1]}
                onChange={(e) =>
                  setConfidence([confidence[0], Math.max(Number(e.target.value), confidence[0])])
                }
                aria-label="Maximum confidence"
                data-testid="filter-max-confidence"
              />
            </label>
          </div>
        </fieldset>
      </div>
    </aside>
  )
}
