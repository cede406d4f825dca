import type { TestTimeAugmentation, TrainingConfig } from './training'

/**
 * The test-time augmentation a run is evaluated and predicted with unless asked otherwise: its
 * ten crops when it trained on random crops (about 1.4 points over the centre crop on FER2013),
 * else each face averaged with its mirror image (about 1 point over plain predictions). Both
 * average mirrored views, so a run that never trained on mirrored faces (augmentation off, or its
 * flip off) gets none: to such a model a mirror image can be another class, as in the synthetic
 * faces of the tests, where classes differ by the side of a bright square. Live camera
 * predictions stay plain too: they must keep up with the frames.
 */
export function recommendedTta(
  config: Pick<TrainingConfig, 'crop' | 'augment'>,
): TestTimeAugmentation {
  if (config.augment?.flip !== true) return 'none'
  return config.crop === null ? 'flip' : 'ten-crop'
}
