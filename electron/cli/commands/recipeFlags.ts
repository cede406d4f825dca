import { CROP_RANGE, TTA_MODES, TestTimeAugmentation } from '../../../shared/domain/training'
import { StudioFailure } from '../../../shared/transport/envelope'

/** The flags of train's random crops (beside TrainOptions, whose list is long enough). */
export type CropOptions = { crop?: string }

/** Help text of `train --crop`. */
export const CROP_HELP =
  `train on random PX x PX crops of each face (e.g. 44 of 48; ${CROP_RANGE.min}..${CROP_RANGE.max}); ` +
  'evaluation, predict and exports then use the centre crop, or ten crops with --tta ten-crop (default: whole faces)'

/** Help text of `--tta` on evaluate and predict. */
export const TTA_HELP =
  'test-time augmentation: none; flip (average with the mirror image); ten-crop (runs trained ' +
  'with --crop: average the four corner and the centre crops, each also mirrored) ' +
  '(default: ten-crop for runs trained with --crop, flip otherwise; none for runs trained ' +
  'without flips, --no-flip or --augment none)'

/** `--crop PX` as a TrainingConfig value; INVALID_INPUT naming the flag when it is not a side. */
export function cropOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < CROP_RANGE.min || n > CROP_RANGE.max) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `--crop must be a whole number of pixels from ${CROP_RANGE.min} to ${CROP_RANGE.max} (smaller than the faces), not '${value}'`,
    )
  }
  return n
}

/**
 * `--tta MODE`; INVALID_INPUT listing the modes when it is not one. Undefined when not given: the
 * run's recommended mode applies (`recommendedTta`).
 */
export function ttaOption(value: string | undefined): TestTimeAugmentation | undefined {
  if (value === undefined) return undefined
  const parsed = TestTimeAugmentation.safeParse(value)
  if (!parsed.success) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `--tta must be ${TTA_MODES.join(', ')}, not '${value}'`,
    )
  }
  return parsed.data
}
