import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Staging files older than this are leftovers whatever their name says, and are removed. */
const STALE_STAGING_MS = 24 * 60 * 60 * 1000

/** This machine, short: a pid means something only on the machine that wrote it. */
const HOST = crypto.createHash('sha1').update(os.hostname()).digest('hex').slice(0, 8)

/**
 * `import-<pid>@<host>-<uuid>.db` (older studios wrote `import-<pid>-<uuid>.db`), and the rollback
 * journal SQLite may leave beside it when killed while creating it.
 */
const NAME = /^import-(\d+)(?:@([0-9a-f]{8}))?-[0-9a-f-]+\.db(?:-journal)?$/

/** Where imports stage their faces: `<data folder>/tmp`. */
export function stagingDir(dataDir: string): string {
  return path.join(dataDir, 'tmp')
}

/** A new staging file's path in `tmpDir`; its name records the importing process and machine. */
export function newStagingPath(tmpDir: string): string {
  return path.join(tmpDir, `import-${process.pid}@${HOST}-${crypto.randomUUID()}.db`)
}

export type SweepDeps = Readonly<{
  now: number
  /** Whether a process of this machine is alive (default: signal 0). */
  isAlive?: (pid: number) => boolean
}>

/**
 * Removes the staging files of imports that can no longer finish: those whose process (on this
 * machine) is gone, e.g. killed, and any older than a day. A missing folder is fine. Returns the
 * names removed.
 */
export function removeOrphanStaging(tmpDir: string, deps: SweepDeps): string[] {
  const isAlive = deps.isAlive ?? processIsAlive
  let names: string[]
  try {
    names = fs.readdirSync(tmpDir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const match = NAME.exec(name)
    if (!match) continue
    const file = path.join(tmpDir, name)
    try {
      const pid = Number(match[1])
      const orphan =
        match[2] === HOST && pid !== process.pid
          ? !isAlive(pid)
          : deps.now - fs.statSync(file).mtimeMs > STALE_STAGING_MS
      if (!orphan) continue
      fs.rmSync(file, { force: true })
      removed.push(name)
    } catch {
      // Another process removed it first, or the folder cannot be written: nothing to do.
    }
  }
  return removed
}

/** Whether a process with this pid exists on this machine (EPERM: it does, as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM'
  }
}
