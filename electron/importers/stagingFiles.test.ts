import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { openTestServices } from '../services/services.testUtil'
import { newStagingPath, removeOrphanStaging, stagingDir } from './stagingFiles'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-staging-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** The pid of a process that has exited. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'])
  return Number(child.stdout.toString().trim())
}

/** A staging file in `tmpDir` as process `pid` of this machine would name it. */
const stagingOf = (tmpDir: string, pid: number): string => {
  const file = newStagingPath(tmpDir).replace(`import-${process.pid}@`, `import-${pid}@`)
  fs.mkdirSync(tmpDir, { recursive: true })
  fs.writeFileSync(file, 'staged faces')
  return path.basename(file)
}

describe('staging files of imports', () => {
  it('are removed once their process is gone, kept while it lives, and after a day whatever', () => {
    const tmp = path.join(dir, 'tmp')
    const dead = stagingOf(tmp, deadPid())
    const ours = stagingOf(tmp, process.pid)
    const parent = stagingOf(tmp, process.ppid)
    const deadJournal = `${stagingOf(tmp, deadPid())}-journal`
    fs.renameSync(path.join(tmp, deadJournal.replace(/-journal$/, '')), path.join(tmp, deadJournal))
    // Older studios' names say nothing of the machine: only their age counts.
    fs.writeFileSync(path.join(tmp, 'import-123-0b5e.db'), '')
    fs.writeFileSync(path.join(tmp, 'import-456-9f3a.db'), '')
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000)
    fs.utimesSync(path.join(tmp, 'import-456-9f3a.db'), dayAgo, dayAgo)
    fs.writeFileSync(path.join(tmp, 'notes.txt'), '')

    const removed = removeOrphanStaging(tmp, { now: Date.now() })
    expect(removed.sort()).toEqual([dead, deadJournal, 'import-456-9f3a.db'].sort())
    expect(fs.readdirSync(tmp).sort()).toEqual(
      [ours, parent, 'import-123-0b5e.db', 'notes.txt'].sort(),
    )
  })

  it('left by a killed import are gone when the studio next starts', async () => {
    const dataDir = path.join(dir, 'data')
    const leftover = stagingOf(stagingDir(dataDir), deadPid())
    const services = openTestServices(dataDir)
    try {
      expect(fs.readdirSync(stagingDir(dataDir))).not.toContain(leftover)
    } finally {
      await services.close()
    }
  })
})
