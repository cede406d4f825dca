import { useEffect } from 'react'

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
 * Test-time augmentation for the next evaluation: none, flip, or ten-crop for runs trained on
 * random crops (disabled, with the reason, for others; a choice of ten-crop falls back to none
 * when the run changes to one without crops).
 */
export function TtaSelect({
  run,
  value,
  onChange,
  testId,
}: Readonly<{
  run: RunSummary | undefined
  value: TestTimeAugmentation
  onChange: (tta: TestTimeAugmentation) => void
  testId: string
}>) {
  const unavailable = tenCropUnavailable(run)
  useEffect(() => {
    if (value === 'ten-crop' && unavailable !== null) onChange('none')
  }, [value, unavailable, onChange])
  return (
    <label className="row" title={`Test-time augmentation. ${HINTS[value]}`}>
      <span className="muted">TTA</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as TestTimeAugmentation)}
        data-testid={testId}
      >
        <option value="none">none</option>
        <option value="flip">flip</option>
        <option
          value="ten-crop"
          disabled={unavailable !== null}
          title={unavailable ?? HINTS['ten-crop']}
        >
          ten-crop{unavailable === null ? '' : ' (runs trained on crops)'}
        </option>
      </select>
    </label>
  )
}
