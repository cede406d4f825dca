import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { SPLITS, type Split } from '../../../shared/domain/split'
import {
  type AugmentConfig,
  NO_AUGMENTATION,
  TrainingConfig,
  type TrainingConfigInput,
} from '../../../shared/domain/training'
import { openDatabase, type StudioDb } from '../../db/openDatabase'

import { createRng, type Rng } from '../worker/data/rng'
import type { DatasetSnapshot } from '../common/snapshot'

/**
 * Test fixtures for the training tests: generated faces a tiny CNN can tell apart in a few
 * epochs (each class a bright square in its own place on a noisy background), as an in-memory
 * snapshot or as a dataset in a temp-file SQLite store with the real migrations.
 */
export const FACE_SIZE = 48

export function syntheticFace(label: number, rng: Rng, size = FACE_SIZE): Uint8Array {
  const face = new Uint8Array(size * size)
  for (let i = 0; i < face.length; i++) face[i] = 40 + rng.int(60)
  const side = Math.floor(size / 4)
  const top = Math.floor(label / 4) * (size / 2) + rng.int(4)
  const left = (label % 4) * side + rng.int(4)
  for (let y = top; y < Math.min(size, top + side); y++) {
    for (let x = left; x < Math.min(size, left + side); x++) face[y * size + x] = 200 + rng.int(55)
  }
  return face
}

export type SplitSizes = Partial<Record<Split, number>>

/** `perClass[split]` faces of every class in each split, ids 1..count in split order. */
export function syntheticSnapshot(perClass: SplitSizes, seed = 1): DatasetSnapshot {
  const rng = createRng(seed)
  const faces: { label: number; split: number; pixels: Uint8Array }[] = []
  SPLITS.forEach((split, s) => {
    for (let k = 0; k < (perClass[split] ?? 0); k++) {
      for (let label = 0; label < 7; label++)
        faces.push({ label, split: s, pixels: syntheticFace(label, rng) })
    }
  })
  const area = FACE_SIZE * FACE_SIZE
  const pixels = new Uint8Array(faces.length * area)
  faces.forEach((f, i) => pixels.set(f.pixels, i * area))
  return {
    datasetId: 1,
    faceSize: FACE_SIZE,
    count: faces.length,
    faceIds: Int32Array.from(faces, (_, i) => i + 1),
    labels: Uint8Array.from(faces, (f) => f.label),
    splits: Uint8Array.from(faces, (f) => f.split),
    pixels,
  }
}

/** A fresh data dir with an opened store; `cleanup` closes and deletes it. */
export function createTempStore(): { dir: string; db: StudioDb; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fer-train-'))
  const db = openDatabase(path.join(dir, 'studio.db'))
  return {
    dir,
    db,
    cleanup: () => {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Inserts a dataset of synthetic faces (`perClass[split]` of each class per split); returns its id. */
export function seedDataset(
  db: StudioDb,
  perClass: SplitSizes,
  name = 'synthetic',
  seed = 1,
): number {
  const rng = createRng(seed)
  const datasetId = Number(
    db
      .prepare(
        `INSERT INTO datasets (name, source, face_size, created_at) VALUES (?, 'test', ?, ?)`,
      )
      .run(name, FACE_SIZE, Date.now()).lastInsertRowid,
  )
  const insert = db.prepare(
    `INSERT INTO faces (dataset_id, split, label, original_label, pixels, hash, source_file, source_row)
     VALUES (?, ?, ?, ?, ?, ?, 'generated.csv', ?)`,
  )
  let row = 0
  db.transaction(() => {
    for (const split of SPLITS) {
      for (let k = 0; k < (perClass[split] ?? 0); k++) {
        for (let label = 0; label < 7; label++) {
          const pixels = Buffer.from(syntheticFace(label, rng))
          const hash = createHash('sha1').update(pixels).digest('hex')
          insert.run(datasetId, split, label, label, pixels, hash, ++row)
        }
      }
    }
  })()
  return datasetId
}

/**
 * Augmentation that only mirrors faces: a run trained with it is evaluated with flip (ten-crop
 * with a crop) by default. The generated faces are not mirror-symmetric (the mirror image of one
 * class's square is another class's), so runs that must tell them apart train without it.
 */
export const FLIP_ONLY: AugmentConfig = { ...NO_AUGMENTATION, flip: true }

/** A small, fast config: tiny-cnn on wasm, no augmentation, batch 8. */
export function testConfig(overrides: TrainingConfigInput = {}): TrainingConfig {
  return TrainingConfig.parse({
    model: 'tiny-cnn',
    backend: 'wasm',
    epochs: 2,
    batchSize: 8,
    learningRate: 0.01,
    augment: null,
    // Fixed here, not the default recipe's, so that tests keep their footing when it changes.
    lrSchedule: { kind: 'constant' },
    ...overrides,
  })
}
