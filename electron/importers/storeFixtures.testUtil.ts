import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import sharp from 'sharp'

import { openDatabase } from '../db/openDatabase'
import type { StudioDb } from '../db/openDatabase'

/**
 * Fixtures for the store tests: temp data dirs with a real migrated SQLite store, FER2013-style
 * CSVs written in the test, images made with sharp, and a fingerprint of everything stored to
 * prove a failed import changed nothing.
 */
export type TempStore = Readonly<{ dir: string; db: StudioDb; cleanup(): void }>

export function createTempStore(): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-store-'))
  const db = openDatabase(path.join(dir, 'studio.db'))
  return {
    dir,
    db,
    cleanup() {
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A deterministic face: every pixel a function of the seed and position, so seeds give distinct faces. */
export function testFace(seed: number, size = 48): Uint8Array {
  const face = new Uint8Array(size * size)
  let x = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i < face.length; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    face[i] = x & 0xff
  }
  return face
}

export type CsvRow = Readonly<{
  label: number | string
  pixels: Uint8Array | string
  usage?: string
}>

/** Writes a FER2013 CSV (`emotion,pixels,Usage`, or without Usage) into `dir`; gzipped for .gz. */
export function writeFer2013Csv(
  file: string,
  rows: readonly CsvRow[],
  options: Readonly<{ header?: string; withUsage?: boolean; eol?: string }> = {},
): string {
  const withUsage = options.withUsage ?? true
  const eol = options.eol ?? '\n'
  const header = options.header ?? (withUsage ? 'emotion,pixels,Usage' : 'emotion,pixels')
  const lines = rows.map((row) => {
    const pixels = typeof row.pixels === 'string' ? row.pixels : Array.from(row.pixels).join(' ')
    return withUsage
      ? `${row.label},${pixels},${row.usage ?? 'Training'}`
      : `${row.label},${pixels}`
  })
  const text = [header, ...lines].join(eol) + eol
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, file.endsWith('.gz') ? zlib.gzipSync(text) : text)
  return file
}

/** Writes a grayscale face as an image file (format from the extension) at any size, optionally in colour. */
export async function writeFaceImage(
  file: string,
  pixels: Uint8Array,
  options: Readonly<{ size?: number; colour?: boolean; outputSize?: number }> = {},
): Promise<string> {
  const size = options.size ?? 48
  fs.mkdirSync(path.dirname(file), { recursive: true })
  let image = sharp(Buffer.from(pixels), { raw: { width: size, height: size, channels: 1 } })
  if (options.colour) image = image.toColourspace('srgb')
  if (options.outputSize)
    image = image.resize(options.outputSize, Math.round(options.outputSize * 0.8), { fit: 'fill' })
  if (/\.(png|jpe?g|webp|gif|tiff?|avif)$/i.test(file)) await image.toFile(file)
  else fs.writeFileSync(file, await image.png().toBuffer())
  return file
}

/** Everything stored, hashed: counts plus every row of every table, pixels included. */
export function storeFingerprint(
  db: StudioDb,
): Readonly<{ datasets: number; faces: number; labelChanges: number; checksum: string }> {
  const hash = crypto.createHash('sha1')
  for (const table of ['datasets', 'faces', 'label_changes', 'runs', 'predictions']) {
    for (const row of db
      .prepare(`SELECT * FROM ${table} ORDER BY 1, 2`)
      .raw()
      .all() as unknown[][]) {
      for (const cell of row) hash.update(Buffer.isBuffer(cell) ? cell : `${String(cell)}\u0000`)
    }
  }
  const count = (table: string): number =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  return {
    datasets: count('datasets'),
    faces: count('faces'),
    labelChanges: count('label_changes'),
    checksum: hash.digest('hex'),
  }
}

/** The (hash, label, split) of every face of a dataset, sorted, to compare datasets regardless of order. */
export function faceTriples(db: StudioDb, datasetId: number): string[] {
  return (
    db.prepare('SELECT hash, label, split FROM faces WHERE dataset_id = ?').all(datasetId) as {
      hash: string
      label: number
      split: string
    }[]
  )
    .map((f) => `${f.hash}:${f.label}:${f.split}`)
    .sort()
}
