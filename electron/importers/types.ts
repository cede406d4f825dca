import type { ImportFormat } from '../../shared/domain/dataset'
import type { Split } from '../../shared/domain/split'

/** One face read from a source, already normalised to the dataset's face size. */
export type FaceItem = Readonly<{
  kind: 'face'
  /** faceSize x faceSize 8-bit grayscale, row-major. */
  pixels: Uint8Array
  /** FER2013 label index 0..6. */
  label: number
  split: Split
  /** File it came from, relative to the import root where there is one. */
  sourceFile: string
  /** 1-based data row for CSV sources, null for image files. */
  sourceRow: number | null
}>

/** One input the reader could not turn into a face: a bad row or an unreadable file. */
export type RejectedItem = Readonly<{
  kind: 'rejected'
  /** The file as the user named it (CSV) or relative to the imported folder. */
  file: string
  row: number | null
  reason: string
}>

export type SourceItem = FaceItem | RejectedItem

/**
 * Reports reading progress: items read so far and the total once known (never an estimate, so it
 * does not jump), and, while the total is unknown, the share of the input read so far (by bytes).
 */
export type ReadProgress = (done: number, total: number | null, fraction?: number) => void

/**
 * A stream of faces from some input. File-level problems (wrong header, not a CSV, unknown class
 * folder) throw a StudioFailure; row- and file-level ones inside it come as RejectedItems so the
 * caller decides between failing and skipping.
 */
export type FaceSource = Readonly<{
  /** 'demo' for generated faces, 'capture' for faces added from photos, else the import format. */
  format: ImportFormat | 'demo' | 'capture'
  faceSize: number
  /** Folder that relative `file`s of rejected items are inside (folder imports), else null. */
  root: string | null
  items: AsyncIterable<SourceItem>
  /**
   * How many data rows the source file had, rejected ones included, once `items` is done (CSV
   * sources); absent or null where there are no rows.
   */
  sourceRows?: () => number | null
}>

export type ReaderOptions = Readonly<{
  faceSize: number
  onProgress?: ReadProgress
}>
