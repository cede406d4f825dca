import { formatCompact } from '../../lib/format'
import { useTrainingStore } from '../../stores/training/trainingStore'

/** The model presets as radio cards with their size and cost per face. */
export function PresetPicker() {
  const models = useTrainingStore((s) => s.models)
  const model = useTrainingStore((s) => s.draft.model)
  const setDraft = useTrainingStore((s) => s.setDraft)
  if (models.length === 0) return <p className="muted">Loading presets…</p>
  return (
    <div className="preset-picker" role="radiogroup" aria-label="Model preset">
      {models.map((preset) => (
        <label
          key={preset.name}
          className={preset.name === model ? 'preset on' : 'preset'}
          data-testid={`preset-${preset.name}`}
        >
          <input
            type="radio"
            name="preset"
            value={preset.name}
            checked={preset.name === model}
            onChange={() => setDraft({ model: preset.name })}
          />
          <span className="preset-text">
            <span className="preset-name">{preset.name}</span>
            <span className="preset-description">{preset.description}</span>
            <span className="preset-stats muted">
              {formatCompact(preset.params)} params · {formatCompact(preset.flops)}FLOPs/face ·{' '}
              {preset.inputSize}×{preset.inputSize}
            </span>
          </span>
        </label>
      ))}
    </div>
  )
}
