import fs from 'node:fs/promises'

import type { ImportFormat } from '../../shared/domain/dataset'
import { StudioFailure } from '../../shared/transport/envelope'
import { isFerPlusHeader } from './readFerPlusVotes'
import { manifestColumns } from './readManifest'
import { fer2013Columns } from './readFer2013Csv'
import { describeFileKind } from './regularFile'
import { scanFolder } from './scanFolder'
import { headerCells, sniffFile } from './sniffFile'

export type DetectedFormat = Readonly<{ format: ImportFormat; description: string }>

/**
 * Says which import format a path is: a folder per class, a FER2013 CSV (plain or gzipped) or a
 * manifest CSV, from the folder's layout or the file's header. INVALID_INPUT says why not, without
 * quoting the file: any path can be asked about, so its content must not come back to the caller.
 * Only a folder or a regular file is looked into; a named pipe or a device is refused unread.
 */
export async function detectFormat(target: string): Promise<DetectedFormat> {
  let stat
  try {
    stat = await fs.stat(target)
  } catch {
    throw new StudioFailure('NOT_FOUND', `${target} does not exist`)
  }
  if (stat.isDirectory()) {
    const scan = await scanFolder(target)
    const splits =
      scan.splitFolders.length > 0
        ? `in ${scan.splitFolders.length} split folders (${scan.splitFolders.join(', ')})`
        : 'with no split folders (all train)'
    return {
      format: 'folder',
      description: `folder per class: ${scan.entries.length} files in ${scan.classCount} class folders ${splits}`,
    }
  }
  if (!stat.isFile()) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${target}: not a regular file or folder (it is ${describeFileKind(stat)})`,
    )
  }
  const sniff = await sniffFile(target)
  if (sniff.binaryKind !== null) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${target}: not a dataset file (it is ${sniff.binaryKind})`,
    )
  }
  const header = headerCells(sniff.head)
  const gz = sniff.isGzip ? ' (gzipped)' : ''
  if (fer2013Columns(header)) {
    const usage =
      fer2013Columns(header)?.usage !== null ? 'with Usage splits' : 'without Usage (all train)'
    return { format: 'fer2013-csv', description: `FER2013 CSV${gz} ${usage}` }
  }
  if (manifestColumns(header)) {
    return { format: 'manifest', description: `manifest CSV${gz}: image paths with labels` }
  }
  if (isFerPlusHeader(header)) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${target}: this is a FER+ votes file; attach it to a dataset imported from the FER2013 CSV instead`,
    )
  }
  throw new StudioFailure(
    'INVALID_INPUT',
    `${target}: not a dataset file: its first line is not the header of a FER2013 CSV (emotion,pixels,Usage) or a manifest (path,label[,split]), nor is it a folder per class`,
  )
}
