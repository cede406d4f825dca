import { migration0001 } from './0001-initial-schema'
import { migration0002 } from './0002-face-grid-index'
import { migration0003 } from './0003-label-batches'
import { migration0004 } from './0004-dataset-source-rows'
import { migration0005 } from './0005-run-epoch-samples'
import { migration0006 } from './0006-suspects'
import { migration0007 } from './0007-face-exclusions'
import { migration0008 } from './0008-speed-probes'
import type { Migration } from './migration'

/** Every schema step, in order. Add new ones at the end; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
]
