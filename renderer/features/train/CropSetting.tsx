import { CROP_RANGE } from '../../../shared/domain'
import { NumberInput } from '../../components/NumberInput'
import { useTrainingStore } from '../../stores/training/trainingStore'

/** A crop that suits 48-px faces when the box is ticked: FER2013 papers' 44 of 48. */
const SUGGESTED_CROP = 44

/**
 * Random crops: each train face becomes a random PX x PX square of itself; the model is built for
 * that input and sees the centre crop at test time (or ten crops with ten-crop on Evaluate).
 */
export function CropSetting() {
  const crop = useTrainingStore((s) => s.draft.crop)
  const setDraft = useTrainingStore((s) => s.setDraft)
  return (
    <label className="setting">
      <span className="setting-label">Random crop</span>
      <span className="row">
        <input
          type="checkbox"
          checked={crop !== null}
          onChange={(e) => setDraft({ crop: e.target.checked ? SUGGESTED_CROP : null })}
          data-testid="setting-crop-on"
        />
        {crop !== null ? (
          <>
            <NumberInput
              min={CROP_RANGE.min}
              max={CROP_RANGE.max}
              integer
              className="tiny"
              value={crop}
              onValue={(value) =>
                value !== null &&
                value >= CROP_RANGE.min &&
                value <= CROP_RANGE.max &&
                setDraft({ crop: value })
              }
              aria-label="Crop side in pixels"
              data-testid="setting-crop"
            />
            <span className="muted">px</span>
          </>
        ) : null}
      </span>
      <span className="hint">
        Trains on a random square of each face (e.g. 44 of 48 px): more variety, often a point or
        two more accurate. Evaluation uses the centre crop, or ten crops (Evaluate, TTA).
      </span>
    </label>
  )
}
