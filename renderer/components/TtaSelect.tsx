import { useEffect } from 'react'

import { recommendedTta, TTA_MODES } from '../../shared/domain'
import type { RunSummary, TestTimeAugmentation } from '../../shared/domain'

const HINTS: Readonly<Record<TestTimeAugmentation, string>> = {
  none: 'Each face once (its centre crop for a run trained on random crops).',
  flip: "Averages each face's prediction with its mirror image's: twice the work, usually a little more accurate.",
  'ten-crop':
    'Averages the four corner crops and the centre crop, each also mirrored: ten times the work.',
}

/** Why ten-crop is off for `run`, or null when it is offered. */
export function tenCropUnavailable(run: RunSummary | undefined): string | null {
  if (run === undefined) return 'Pick a run first.'
  return run.config.crop === null
    ? 'Ten-crop needs a run trained on random crops (Crop in the Train settings); this run saw whole faces.'
    : null
}

/**
 * Test-time augmentation for the next evaluation or photo. `value` null follows the run's
 * recommended mode (ten-crop for runs trained on random crops, flip otherwise), marked as such;
 * ten-crop is disabled, with the reason, for runs on whole faces, and a choice of it goes back to
 * the recommended mode when the run changes to one of those.
 */
export function TtaSelect({
  run,
  value,
  onChange,
  testId,
}: Readonly<{
  run: RunSummary | undefined
  value: TestTimeAugmentation | null
  onChange: (tta: TestTimeAugmentation | null) => void
  testId: string
}>) {
  const unavailable = tenCropUnavailable(run)
  const recommended = run === undefined ? null : recommendedTta(run.config)
  const shown = value ?? recommended ?? 'flip'
  useEffect(() => {
    if (value === 'ten-crop' && unavailable !== null) onChange(null)
  }, [value, unavailable, onChange])
  const label = (mode: TestTimeAugmentation) =>
    mode === recommended
      ? `${mode} (recommended)`
      : mode === 'ten-crop' && unavailable !== null
        ? `${mode} (runs trained on crops)`
        : mode
  return (
    <label className="row" title={`Test-time augmentation. ${HINTS[shown]}`}>
      <span className="muted">TTA</span>
      <select
        value={shown}
        onChange={(e) => onChange(e.target.value as TestTimeAugmentation)}
        data-testid={testId}
      >
        {TTA_MODES.map((mode) => (
          <option
            key={mode}
            value={mode}
            disabled={mode === 'ten-crop' && unavailable !== null}
            title={mode === 'ten-crop' ? (unavailable ?? HINTS[mode]) : HINTS[mode]}
          >
            {label(mode)}
          </option>
        ))}
      </select>
    </label>
  )
}
