import { open, readFile, rename, writeFile } from 'node:fs/promises'

import type { EngineSnapshot } from '../engine/types'

/**
 * Everything a run needs to continue exactly where it stopped: the engine's weights and optimizer
 * state, the position (epochs done, global step), elapsed time, the learning rate and each
 * callback's state. The data pipeline needs no generator state: every batch's randomness derives
 * from (seed, epoch, batch) alone (data/rng.ts `mixSeed`), so the position is the RNG state.
 */
export type CheckpointData = Readonly<{
  epochsDone: number
  step: number
  elapsedMs: number
  learningRate: number
  seed: number
  callbacks: Record<string, unknown>
  snapshot: EngineSnapshot
}>

const MAGIC = 'FERCKPT1'

type TensorEntry = { name: string; shape: number[]; length: number }

/**
 * Writes a checkpoint: magic "FERCKPT1", u32 length of a JSON header, the header, zero padding to
 * a multiple of 4, then every weight and optimizer array as little-endian float32 in header order.
 * Written to a temporary file and renamed, so a crash mid-write leaves the previous checkpoint.
 */
export async function writeCheckpointFile(file: string, data: CheckpointData): Promise<void> {
  const arrays = [...data.snapshot.weights, ...data.snapshot.optimizer]
  const describe = (t: EngineSnapshot['weights'][number]): TensorEntry => ({
    name: t.name,
    shape: [...t.shape],
    length: t.values.length,
  })
  const header = Buffer.from(
    JSON.stringify({
      epochsDone: data.epochsDone,
      step: data.step,
      elapsedMs: data.elapsedMs,
      learningRate: data.learningRate,
      seed: data.seed,
      callbacks: data.callbacks,
      optimizerStep: data.snapshot.step,
      weights: data.snapshot.weights.map(describe),
      optimizer: data.snapshot.optimizer.map(describe),
    }),
    'utf8',
  )
  const start = align4(12 + header.length)
  const floats = arrays.reduce((n, t) => n + t.values.length, 0)
  const bytes = Buffer.alloc(start + floats * 4)
  bytes.write(MAGIC, 0, 'latin1')
  bytes.writeUInt32LE(header.length, 8)
  header.copy(bytes, 12)
  let offset = start
  for (const t of arrays) {
    Buffer.from(t.values.buffer, t.values.byteOffset, t.values.byteLength).copy(bytes, offset)
    offset += t.values.byteLength
  }
  const tmp = `${file}.tmp`
  await writeFile(tmp, bytes)
  await rename(tmp, file)
}

/** Reads a checkpoint; throws naming the file when it is not one or is truncated. */
export async function readCheckpointFile(file: string): Promise<CheckpointData> {
  const bytes = await readFile(file)
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) {
    throw new Error(`${file} is not a FER Studio checkpoint`)
  }
  const headerLength = bytes.readUInt32LE(8)
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as {
    epochsDone: number
    step: number
    elapsedMs: number
    learningRate: number
    seed: number
    callbacks: Record<string, unknown>
    optimizerStep: number
    weights: TensorEntry[]
    optimizer: TensorEntry[]
  }
  let offset = align4(12 + headerLength)
  const take = (entry: TensorEntry) => {
    const end = offset + entry.length * 4
    if (end > bytes.length) throw new Error(`${file} is truncated (weight ${entry.name})`)
    const values = new Float32Array(entry.length)
    new Uint8Array(values.buffer).set(bytes.subarray(offset, end))
    offset = end
    return { name: entry.name, shape: entry.shape, values }
  }
  const weights = header.weights.map(take)
  const optimizer = header.optimizer.map(take)
  return {
    epochsDone: header.epochsDone,
    step: header.step,
    elapsedMs: header.elapsedMs,
    learningRate: header.learningRate,
    seed: header.seed,
    callbacks: header.callbacks,
    snapshot: { weights, optimizer, step: header.optimizerStep },
  }
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4
}

/** Position and time of a checkpoint without reading its weights (main uses it to resume). */
export async function readCheckpointPosition(
  file: string,
): Promise<Readonly<{ epochsDone: number; step: number; elapsedMs: number }>> {
  const handle = await open(file, 'r')
  try {
    const head = Buffer.alloc(12)
    await handle.read(head, 0, 12, 0)
    if (head.toString('latin1', 0, 8) !== MAGIC)
      throw new Error(`${file} is not a FER Studio checkpoint`)
    const json = Buffer.alloc(head.readUInt32LE(8))
    await handle.read(json, 0, json.length, 12)
    const header = JSON.parse(json.toString('utf8')) as {
      epochsDone: number
      step: number
      elapsedMs: number
    }
    return { epochsDone: header.epochsDone, step: header.step, elapsedMs: header.elapsedMs }
  } finally {
    await handle.close()
  }
}
