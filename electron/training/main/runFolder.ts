import { randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

import { processIsAlive } from '../../importers/stagingFiles'
import { runFiles } from '../common/protocol'

/** A run folder being prepared, before its run row exists: `pending-<pid>-<uuid>`. */
const PENDING = /^pending-(\d+)-[0-9a-f-]+$/

/** Records this process as the one training the run in `runDir` (see `isOwnedElsewhere`). */
export function writeRunOwner(runDir: string): void {
  writeFileSync(runFiles(runDir).owner, JSON.stringify({ pid: process.pid, host: hostname() }))
}

/** A new, empty folder in `runsDir` for a run about to be created, owned by this process. */
export function createPendingRunDir(runsDir: string): string {
  const dir = path.join(runsDir, `pending-${process.pid}-${randomUUID()}`)
  mkdirSync(dir, { recursive: true })
  try {
    writeRunOwner(dir)
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
  return dir
}

/** Moves a prepared folder to its run's place, replacing whatever a killed start left there. */
export function placeRunDir(pending: string, runDir: string): void {
  rmSync(runDir, { recursive: true, force: true })
  renameSync(pending, runDir)
}

/**
 * Removes the pending folders of starts whose process is gone (killed before their run row was
 * committed); a missing runs folder is fine.
 */
export function removeOrphanPendingRunDirs(
  runsDir: string,
  isAlive: (pid: number) => boolean = processIsAlive,
): void {
  let names: string[]
  try {
    names = readdirSync(runsDir)
  } catch {
    return
  }
  for (const name of names) {
    const match = PENDING.exec(name)
    if (!match || Number(match[1]) === process.pid || isAlive(Number(match[1]))) continue
    rmSync(path.join(runsDir, name), { recursive: true, force: true })
  }
}

/**
 * Whether another live process on this machine is training the run (its owner file names a
 * running pid other than ours): such runs are not stale and must not be marked interrupted.
 */
export function isOwnedElsewhere(
  runDir: string | null,
  isAlive: (pid: number) => boolean = processIsAlive,
): boolean {
  if (runDir === null) return false
  try {
    const owner = JSON.parse(readFileSync(runFiles(runDir).owner, 'utf8')) as {
      pid: number
      host: string
    }
    if (owner.pid === process.pid || owner.host !== hostname()) return false
    return isAlive(owner.pid)
  } catch {
    return false
  }
}
