import fs from 'node:fs'
import path from 'node:path'

import type { RejectedInput } from '../../shared/domain/dataset'
import { REPORTS_DIR } from '../services/dataDir'

/** How many rejected inputs an import report carries for display (the file has them all). */
export const REJECTED_SAMPLE_SIZE = 20

/**
 * Writes every rejected input of a `--skip-bad` import to `<dataDir>/reports/<name>-<time>-rejected.csv`
 * (columns file,row,reason) as they come, so memory stays flat however many rows are bad. The
 * file is created on the first rejection only.
 */
export class RejectionReport {
  readonly sample: RejectedInput[] = []
  private count = 0
  private fd: number | null = null
  private filePath: string | null = null

  constructor(
    private readonly dataDir: string,
    private readonly datasetName: string,
    private readonly now: () => number = Date.now,
  ) {}

  add(rejected: RejectedInput): void {
    this.count++
    if (this.sample.length < REJECTED_SAMPLE_SIZE) this.sample.push(rejected)
    if (this.fd === null) {
      const dir = path.join(this.dataDir, REPORTS_DIR)
      fs.mkdirSync(dir, { recursive: true })
      const safeName = this.datasetName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'dataset'
      const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-')
      this.filePath = path.join(dir, `${safeName}-${stamp}-rejected.csv`)
      this.fd = fs.openSync(this.filePath, 'w')
      fs.writeSync(this.fd, 'file,row,reason\n')
    }
    fs.writeSync(
      this.fd,
      `${csvCell(rejected.file)},${rejected.row ?? ''},${csvCell(rejected.reason)}\n`,
    )
  }

  get rejected(): number {
    return this.count
  }

  /** The report's path once something was rejected, else null. */
  get path(): string | null {
    return this.filePath
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
  }
}

/** Quotes a CSV cell when it needs it (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
