/** Where a face belongs for training: as the source file says, or as the user moved it. */
export const SPLITS = ['train', 'validation', 'test'] as const
export type Split = (typeof SPLITS)[number]

/**
 * Names sources use for their splits. FER2013's `Usage` column: Training, PublicTest (the
 * validation set everyone reports on) and PrivateTest (the final test set).
 */
const SPLIT_NAMES: Readonly<Record<string, Split>> = {
  train: 'train',
  training: 'train',
  validation: 'validation',
  val: 'validation',
  valid: 'validation',
  publictest: 'validation',
  test: 'test',
  testing: 'test',
  privatetest: 'test',
}

/** Maps a split name (case-insensitive) from a file or folder to our split, or null. */
export function splitFromName(name: string): Split | null {
  return SPLIT_NAMES[name.trim().toLowerCase()] ?? null
}

/** The FER2013 `Usage` value written for a split on export. */
export const FER2013_USAGE: Readonly<Record<Split, string>> = {
  train: 'Training',
  validation: 'PublicTest',
  test: 'PrivateTest',
}
