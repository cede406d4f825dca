import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { FaceId } from '../../shared/domain/ids'
import { openDatabase } from '../db/openDatabase'
import { databasePath } from '../services/dataDir'
import { openTestServices } from '../services/services.testUtil'
import { runCliLoopsAtOnce, seedStore, startCliLoop } from './testing/childCli.testUtil'

let dir: string
let dataDir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-writers-'))
  dataDir = path.join(dir, 'data')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** `rounds` relabels of `ids`, alternating sad and happy, so every one changes every face. */
const relabels = (ids: readonly number[], rounds: number, actor: string): string[][] =>
  Array.from({ length: rounds }, (_, round) => [
    'relabel',
    ...ids.map(String),
    '--label',
    round % 2 === 0 ? 'sad' : 'happy',
    '--actor',
    actor,
    '--data-dir',
    dataDir,
  ])

/**
 * The store after the writers: intact, one history row per change, and every face's history a
 * chain (each change starts from the label the previous one left) ending at its current label.
 */
function checkStore(expectedChanges: number): void {
  const db = openDatabase(databasePath(dataDir))
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const changes = db
      .prepare<[], { face_id: number; from_label: number; to_label: number }>(
        'SELECT face_id, from_label, to_label FROM label_changes ORDER BY id',
      )
      .all()
    expect(changes.length).toBe(expectedChanges)
    const last = new Map<number, number>()
    for (const c of changes) {
      expect(c.from_label).toBe(last.get(c.face_id) ?? 0)
      last.set(c.face_id, c.to_label)
    }
    const labels = db
      .prepare<[], { id: number; label: number }>('SELECT id, label FROM faces')
      .all()
    for (const face of labels) expect(face.label).toBe(last.get(face.id) ?? 0)
  } finally {
    db.close()
  }
}

describe('two CLI processes relabelling at once', () => {
  it('queue instead of failing: every relabel of both succeeds, round after round', async () => {
    const ids = seedStore(dataDir, 200)
    const rounds = 15
    const [a, b] = await runCliLoopsAtOnce(dir, [
      relabels(ids.slice(0, 100), rounds, 'a'),
      relabels(ids.slice(100), rounds, 'b'),
    ])
    for (const result of [...(a ?? []), ...(b ?? [])])
      expect(result).toMatchObject({ code: 0, err: '' })
    expect(a).toHaveLength(rounds)
    expect(b).toHaveLength(rounds)
    checkStore(2 * rounds * 100)
  })

  it('a CLI relabelling beside the studio relabelling: neither fails', async () => {
    const ids = seedStore(dataDir, 200)
    const studio = openTestServices(dataDir)
    try {
      const goFile = path.join(dir, 'go-studio')
      const loop = startCliLoop(dir, goFile, relabels(ids.slice(0, 100), 15, 'cli'))
      await loop.ready
      fs.writeFileSync(goFile, '')
      const ctx = { origin: 'test' as const, log: () => undefined }
      for (let round = 0; round < 30; round++) {
        await studio.handlers['labels.set'](
          {
            faceIds: ids.slice(100) as FaceId[],
            label: round % 2 === 0 ? 'sad' : 'happy',
            actor: 'studio',
          },
          ctx,
        )
        await new Promise((resolve) => setTimeout(resolve, 15))
      }
      const results = await loop.results
      expect(results).toHaveLength(15)
      for (const result of results) expect(result).toMatchObject({ code: 0, err: '' })
    } finally {
      await studio.close()
    }
    checkStore(15 * 100 + 30 * 100)
  })

  it(
    'a small relabel beside a big one (12,000 faces) waits for it, and both histories stay chained',
    { timeout: 120_000 },
    async () => {
      const ids = seedStore(dataDir, 12_000)
      const big = relabels(ids, 3, 'big')
      // The small writer touches faces the big one relabels too: its "from" must be what it replaces.
      // Spread over the big ones' time: a pause after each.
      const small = relabels(ids.slice(0, 5), 40, 'small').flatMap((c) => [c, ['sleep', '60']])
      const [bigResults, smallResults] = await runCliLoopsAtOnce(dir, [big, small])
      for (const result of [...(bigResults ?? []), ...(smallResults ?? [])])
        expect(result).toMatchObject({ code: 0, err: '' })
      expect(smallResults).toHaveLength(40)
      const db = openDatabase(databasePath(dataDir))
      const changed = db
        .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM label_changes')
        .get()?.n
      db.close()
      // Every big relabel changes at least every face the small writer did not just set to its label.
      expect(changed).toBeGreaterThanOrEqual(3 * (12_000 - 5))
      checkStore(changed ?? 0)
    },
  )
})
