import { existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'

import type { TrainingConfig } from '../../../shared/domain/training'
import { StudioFailure } from '../../../shared/transport/envelope'
import type { StudioDb } from '../../db/openDatabase'
import type { Run } from '../../db/queries/runs'
import { readCheckpointPosition } from '../worker/callbacks/checkpointFile'
import { runFiles } from '../common/protocol'
import { createPendingRunDir, placeRunDir, writeRunOwner } from './runFolder'
import type { RunStore } from './runStore'
import { writeDatasetSnapshot } from '../common/snapshot'

export type RunPreparationDeps = Readonly<{ db: StudioDb; store: RunStore; runsDir: string }>

/**
 * Creates a queued run, ready for a worker. Its folder (owner file and dataset snapshot) is
 * written first and the run row created with it: a run never exists without its snapshot, so one
 * killed in its first seconds can resume, and a full disk leaves no run behind (stuck as queued),
 * only its error.
 */
export function createRunWithSnapshot(
  deps: RunPreparationDeps,
  input: Readonly<{ datasetId: number; name: string | null; config: TrainingConfig }>,
  /** Writes the run's snapshot (default: the dataset as it is now). */
  writeSnapshot: (file: string) => void = (file) =>
    writeDatasetSnapshot(deps.db, input.datasetId, file),
): Run {
  let pending: string | null = null
  try {
    pending = createPendingRunDir(deps.runsDir)
    writeSnapshot(runFiles(pending).snapshot)
    const prepared = pending
    return deps.store.create({
      ...input,
      placeDir: (id) => {
        const runDir = path.join(deps.runsDir, String(id))
        placeRunDir(prepared, runDir)
        return runDir
      },
    })
  } catch (err) {
    if (pending !== null) rmSync(pending, { recursive: true, force: true })
    throw err
  }
}

/**
 * Makes an interrupted run ready to go on: owned by this process, rewound to its last checkpoint
 * (what a lost worker reported past it is dropped) and queued. A run killed before its snapshot
 * was written (by an older studio) had trained nothing: it starts over on the dataset as it is
 * now. Returns the queued run and the checkpoint to resume from (null: from the start).
 */
export async function prepareResume(
  deps: RunPreparationDeps,
  run: Run,
): Promise<{ run: Run; checkpoint: string | null }> {
  const runDir = run.runDir ?? path.join(deps.runsDir, String(run.id))
  const files = runFiles(runDir)
  const hasCheckpoint = existsSync(files.checkpoint)
  if (!existsSync(files.snapshot)) {
    if (hasCheckpoint)
      throw new StudioFailure(
        'CONFLICT',
        `Run ${run.id} has lost the dataset snapshot it trained on`,
      )
    mkdirSync(runDir, { recursive: true })
    writeDatasetSnapshot(deps.db, run.datasetId, files.snapshot)
  }
  const position = hasCheckpoint
    ? await readCheckpointPosition(files.checkpoint)
    : { epochsDone: 0, step: 0 }
  // Ours from now on, before it reads as queued: another process must not call it stale.
  writeRunOwner(runDir)
  deps.store.rewindTo(run.id, position.epochsDone, position.step)
  const queued = deps.store.update(run.id, {
    status: 'queued',
    error: null,
    finishedAt: null,
    runDir,
  })
  return { run: queued, checkpoint: hasCheckpoint ? files.checkpoint : null }
}
