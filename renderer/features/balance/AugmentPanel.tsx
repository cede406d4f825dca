import { useEffect } from 'react'

import { AugmentConfig as AugmentSchema, EMOTIONS } from '../../../shared/domain'
import type { AugmentConfig, Emotion, FaceId } from '../../../shared/domain'
import { NumberInput } from '../../components/NumberInput'
import { PixelCanvas } from '../../components/PixelCanvas'
import { useDebounced } from '../../lib/useDebounced'
import { useTrainingStore } from '../../stores/training/trainingStore'

type SliderSpec = Readonly<{
  key: Exclude<keyof AugmentConfig, 'flip'>
  label: string
  max: number
  step: number
  format: (v: number) => string
  hint: string
}>

const pct = (v: number): string => `±${Math.round(v * 100)}%`

const SLIDERS: readonly SliderSpec[] = [
  {
    key: 'rotationDeg',
    label: 'Rotation',
    max: 45,
    step: 1,
    format: (v) => `±${v}°`,
    hint: 'heads tilt',
  },
  { key: 'shift', label: 'Shift', max: 0.5, step: 0.01, format: pct, hint: 'face not centred' },
  { key: 'zoom', label: 'Zoom', max: 0.5, step: 0.01, format: pct, hint: 'closer or farther' },
  { key: 'brightness', label: 'Brightness', max: 1, step: 0.01, format: pct, hint: 'lighting' },
  {
    key: 'contrast',
    label: 'Contrast',
    max: 1,
    step: 0.01,
    format: pct,
    hint: 'camera and exposure',
  },
  {
    key: 'noise',
    label: 'Noise',
    max: 0.5,
    step: 0.005,
    format: (v) => `σ ${Math.round(v * 100)}%`,
    hint: 'sensor grain',
  },
]

const DEFAULT_AUGMENT: AugmentConfig = AugmentSchema.parse({})

/** Augmentation strengths for the next run, with a live grid of augmented samples. */
export function AugmentPanel() {
  const augment = useTrainingStore((s) => s.draft.augment)
  const setDraft = useTrainingStore((s) => s.setDraft)
  const source = useTrainingStore((s) => s.previewSource)
  const setSource = useTrainingStore((s) => s.setPreviewSource)
  const reshuffle = useTrainingStore((s) => s.reshufflePreview)
  const loadPreview = useTrainingStore((s) => s.loadPreview)
  const preview = useTrainingStore((s) => s.preview)
  const status = useTrainingStore((s) => s.previewStatus)
  const error = useTrainingStore((s) => s.previewError)
  const datasetId = useTrainingStore((s) => s.datasetId)
  const settled = useDebounced(augment, 200)

  useEffect(() => {
    void loadPreview()
  }, [settled, datasetId, loadPreview])

  const enabled = augment !== null
  const current = augment ?? DEFAULT_AUGMENT
  const set = (patch: Partial<AugmentConfig>): void =>
    setDraft({ augment: { ...current, ...patch } })

  return (
    <section className="panel" aria-label="Augmentation" data-testid="augment-panel">
      <div className="panel-title">
        <label className="row">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => setDraft({ augment: e.target.checked ? current : null })}
            data-testid="augment-enabled"
          />
          Augmentation during training
        </label>
      </div>
      <div className="panel-body augment-body">
        <div className="augment-controls" aria-disabled={!enabled}>
          <label className="row">
            <input
              type="checkbox"
              checked={current.flip}
              disabled={!enabled}
              onChange={(e) => set({ flip: e.target.checked })}
              data-testid="augment-flip"
            />
            Horizontal flip
          </label>
          {SLIDERS.map((slider) => (
            <label key={slider.key} className="augment-slider" title={slider.hint}>
              <span>{slider.label}</span>
              <input
                type="range"
                min={0}
                max={slider.max}
                step={slider.step}
                value={current[slider.key]}
                disabled={!enabled}
                onChange={(e) => set({ [slider.key]: Number(e.target.value) })}
                data-testid={`augment-${slider.key}`}
              />
              <span className="num mono">{slider.format(current[slider.key])}</span>
            </label>
          ))}
        </div>
        <div className="augment-preview-wrap">
          <div className="row wrap">
            <label className="row">
              <span className="muted">Preview</span>
              <select
                value={source.kind === 'class' ? source.label : 'face'}
                onChange={(e) =>
                  e.target.value === 'face'
                    ? setSource({ kind: 'face', faceId: 1 as FaceId })
                    : setSource({ kind: 'class', label: e.target.value as Emotion })
                }
                data-testid="preview-source"
              >
                {EMOTIONS.map((e) => (
                  <option key={e} value={e}>
                    random {e} faces
                  </option>
                ))}
                <option value="face">one face…</option>
              </select>
            </label>
            {source.kind === 'face' ? (
              <NumberInput
                min={1}
                integer
                value={source.faceId}
                onValue={(n) => n !== null && setSource({ kind: 'face', faceId: n as FaceId })}
                aria-label="Face id"
                className="narrow"
                data-testid="preview-face-id"
              />
            ) : null}
            <button type="button" className="small" onClick={reshuffle}>
              Shuffle
            </button>
            {status === 'loading' ? <span className="muted">…</span> : null}
          </div>
          {error ? <p className="error-text">{error}</p> : null}
          <div
            className="augment-preview"
            data-testid="augment-preview"
            data-count={preview?.samples.length ?? 0}
          >
            {preview?.samples.map((pixels, i) => (
              <PixelCanvas
                key={i}
                size={preview.size}
                pixels={pixels}
                displaySize={72}
                label={`Augmented sample ${i + 1}`}
              />
            ))}
          </div>
        </div>
      </div>
    </section>
  )
}
