import { decodeFace, describeDecodeError } from '../imaging/decodeFace'
import { orderedMap } from './orderedMap'
import { readImageFile } from './regularFile'
import { scanFolder } from './scanFolder'
import type { FolderEntry } from './scanFolder'
import type { FaceSource, ReaderOptions, SourceItem } from './types'

/**
 * Decodes in flight at once. sharp runs each decode on libuv's thread pool, so a handful in
 * flight keeps both cores busy while the main thread stores the finished ones.
 */
export const DECODE_CONCURRENCY = 12

/**
 * Streams a folder-per-class dataset: every image decoded with sharp to the face size in
 * grayscale (non-square images centre-cropped, never stretched; see `decodeFace`), with bounded
 * concurrency, in a stable order. Progress counts files; the total is
 * known up front.
 */
export async function readFolder(root: string, options: ReaderOptions): Promise<FaceSource> {
  const scan = await scanFolder(root)
  const total = scan.entries.length + scan.rejected.length

  async function* items(): AsyncGenerator<SourceItem> {
    let done = 0
    for (const rejected of scan.rejected) {
      done++
      yield rejected
    }
    const decoded = orderedMap(scan.entries, DECODE_CONCURRENCY, (entry) =>
      decodeEntry(entry, options.faceSize),
    )
    for await (const item of decoded) {
      done++
      if (options.onProgress && (done % 64 === 0 || done === total)) options.onProgress(done, total)
      yield item
    }
  }
  return { format: 'folder', faceSize: options.faceSize, root, items: items() }
}

async function decodeEntry(entry: FolderEntry, faceSize: number): Promise<SourceItem> {
  const read = readImageFile(entry.absolutePath)
  if (read.reason !== undefined) {
    return { kind: 'rejected', file: entry.relativePath, row: null, reason: read.reason }
  }
  try {
    const pixels = await decodeFace(read.bytes, faceSize)
    return {
      kind: 'face',
      pixels,
      label: entry.label,
      split: entry.split,
      sourceFile: entry.relativePath,
      sourceRow: null,
    }
  } catch (err) {
    return {
      kind: 'rejected',
      file: entry.relativePath,
      row: null,
      reason: `unreadable image: ${describeDecodeError(err)}`,
    }
  }
}
