import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'

import { FINDING_TITLES, FINDINGS } from '../../../shared/domain'
import type { FaceFinding, RunId, SPLITS } from '../../../shared/domain'
import { splitsWithFaces } from '../../lib/splitsWithFaces'
import { useDebounced } from '../../lib/useDebounced'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { facesSelectors } from '../../stores/faces/facesSelectors'
import { useFacesStore } from '../../stores/faces/facesStore'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { ChipGroup, EmotionChipGroup } from './ChipGroup'

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
        <EmotionChipGroup
          label="Label"
          value={filter.labels}
          onChange={(labels) => setFilter({ labels })}
          testIdPrefix="filter-label"
        />
        <ChipGroup
          label="Split"
          options={splitsWithFaces(dataset)}
          value={filter.splits}
          onChange={(splits) =>
            setFilter({ splits: splits as (typeof SPLITS)[number][] | undefined })
          }
          testIdPrefix="filter-split"
        />
        <fieldset className="chip-group">
          <legend>Curation</legend>
          <FilterCheckbox
            checked={filter.duplicatesOnly}
            onChange={(duplicatesOnly) => setFilter({ duplicatesOnly })}
            testId="filter-duplicates"
          >
            Has duplicates
          </FilterCheckbox>
          <label className="field">
            <span className="muted">Finding</span>
            <select
              value={filter.finding ?? ''}
              onChange={(e) =>
                setFilter({
                  finding: e.target.value === '' ? undefined : (e.target.value as FaceFinding),
                })
              }
              data-testid="filter-finding"
            >
              <option value="">Any face</option>
              {FINDINGS.map((f) => (
                <option key={f} value={f}>
                  {FINDING_TITLES[f]}
                </option>
              ))}
            </select>
          </label>
          <FilterCheckbox
            checked={filter.relabeledOnly}
            onChange={(relabeledOnly) => setFilter({ relabeledOnly })}
            testId="filter-relabeled"
          >
            Relabelled
          </FilterCheckbox>
          <label className="field">
            <span className="muted">
              Excluded ({(dataset?.excluded.total ?? 0).toLocaleString('en-US')})
            </span>
            <select
              value={filter.exclusion ?? ''}
              onChange={(e) =>
                setFilter({
                  exclusion:
                    e.target.value === '' ? undefined : (e.target.value as 'included' | 'excluded'),
                })
              }
              data-testid="filter-exclusion"
            >
              <option value="">Included and excluded</option>
              <option value="included">Included only</option>
              <option value="excluded">Excluded only</option>
            </select>
          </label>
        </fieldset>
        {dataset?.hasFerPlus ? (
          <fieldset className="chip-group">
            <legend>FER+ votes</legend>
            <FilterCheckbox
              checked={filter.ferPlusDisagrees}
              onChange={(ferPlusDisagrees) => setFilter({ ferPlusDisagrees })}
              testId="filter-ferplus-disagrees"
            >
              FER+ majority disagrees with label
            </FilterCheckbox>
            <EmotionChipGroup
              label="FER+ majority"
              value={filter.ferPlusMajority}
              onChange={(ferPlusMajority) => setFilter({ ferPlusMajority })}
              testIdPrefix="filter-ferplus"
            />
          </fieldset>
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
              <option value="">Best finished run</option>
              {finishedRuns.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <FilterCheckbox
            checked={filter.disagreesOnly}
            onChange={(disagreesOnly) => setFilter({ disagreesOnly })}
            testId="filter-disagrees"
          >
            Model disagrees with label
          </FilterCheckbox>
          <EmotionChipGroup
            label="Predicted"
            value={filter.predicted}
            onChange={(predicted) => setFilter({ predicted })}
            testIdPrefix="filter-predicted"
          />
          <div className="confidence-range">
            <span className="muted">
              Confidence {Math.round(confidence[0] * 100)}% – {Math.round(confidence[1] * 100)}%
            </span>
            <ConfidenceSlider
              bound="min"
              value={confidence[0]}
              onChange={(v) => setConfidence([Math.min(v, confidence[1]), confidence[1]])}
            />
            <ConfidenceSlider
              bound="max"
              value={confidence[1]}
              onChange={(v) => setConfidence([confidence[0], Math.max(v, confidence[0])])}
            />
          </div>
        </fieldset>
      </div>
    </aside>
  )
}

type CheckboxProps = Readonly<{
  checked: boolean | undefined
  onChange: (checked: true | undefined) => void
  testId: string
  children: ReactNode
}>

/** A boolean filter: unchecked means "not filtered", so it reports `undefined`, never `false`. */
function FilterCheckbox({ checked, onChange, testId, children }: CheckboxProps) {
  return (
    <label className="row">
      <input
        type="checkbox"
        checked={checked ?? false}
        onChange={(e) => onChange(e.target.checked || undefined)}
        data-testid={testId}
      />
      {children}
    </label>
  )
}

const BOUND_NAMES = { min: 'Minimum', max: 'Maximum' } as const

type SliderProps = Readonly<{
  bound: keyof typeof BOUND_NAMES
  value: number
  onChange: (value: number) => void
}>

/** One end of the confidence range, 0..1 in steps of 0.01. */
function ConfidenceSlider({ bound, value, onChange }: SliderProps) {
  return (
    <label className="row">
      <span className="range-label">{bound}</span>
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-label={`${BOUND_NAMES[bound]} confidence`}
        data-testid={`filter-${bound}-confidence`}
      />
    </label>
  )
}
