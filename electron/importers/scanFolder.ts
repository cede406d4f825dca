import fs from 'node:fs/promises'
import path from 'node:path'

import { EMOTIONS, emotionIndex } from '../../shared/domain/emotion'
import { emotionFromName } from '../../shared/domain/emotionNames'
import { SPLITS, splitFromName } from '../../shared/domain/split'
import type { Split } from '../../shared/domain/split'
import { StudioFailure } from '../../shared/transport/envelope'
import type { RejectedItem } from './types'

/** One image file to import from a folder-per-class layout. */
export type FolderEntry = Readonly<{
  /** The file's path as bytes: a name that is not valid UTF-8 still opens. */
  absolutePath: Buffer
  /** Relative to the imported folder, with forward slashes (invalid UTF-8 shown as U+FFFD). */
  relativePath: string
  label: number
  split: Split
}>

export type FolderScan = Readonly<{
  entries: FolderEntry[]
  /** Empty class folders and stray sub-folders, reported like bad files. */
  rejected: RejectedItem[]
  /** The split folders found, as named on disk (empty when classes sit at the top). */
  splitFolders: string[]
  classCount: number
}>

/** Files every OS scatters in folders; never images, never errors. */
const JUNK_FILES = new Set(['thumbs.db', 'desktop.ini'])

const isIgnored = (name: string): boolean =>
  name.startsWith('.') || JUNK_FILES.has(name.toLowerCase())

const NAMES_HINT = `emotions: ${EMOTIONS.join(', ')} (or synonyms like anger, happiness, sadness); splits: train, validation/val/PublicTest, test/PrivateTest`

/**
 * Reads a folder-per-class layout: class folders (`angry/`, `Happiness/`, ...) either at the top
 * or under split folders (`train/angry/`, `Training/`, `PublicTest/`, `test/`). Folder names are
 * matched case-insensitively with the usual synonyms; an unknown name is an error that names it.
 * Files are listed in a stable order: split, then class, then file name.
 */
export async function scanFolder(root: string): Promise<FolderScan> {
  const top = await listDirectories(root)
  const splitDirs = top.filter((name) => splitFromName(name) !== null)
  const classDirs = top.filter((name) => emotionFromName(name) !== null)
  const unknown = top.filter(
    (name) => splitFromName(name) === null && emotionFromName(name) === null,
  )
  if (unknown.length > 0) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${root}: folder '${unknown[0]}' is neither an emotion nor a split (${NAMES_HINT})`,
    )
  }
  if (splitDirs.length > 0 && classDirs.length > 0) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${root}: mixes split folders (${splitDirs.join(', ')}) and class folders (${classDirs.join(', ')})`,
    )
  }
  if (top.length === 0) {
    throw new StudioFailure(
      'INVALID_INPUT',
      `${root}: empty folder: expected one folder per class (angry/, happy/, ...), optionally inside split folders (train/, test/)`,
    )
  }

  const groups: { split: Split; dir: string; relative: string; label: number }[] = []
  if (splitDirs.length === 0) {
    for (const name of classDirs) groups.push(classGroup('train', root, name, name))
  } else {
    for (const splitDir of splitDirs) {
      const split = splitFromName(splitDir) as Split
      const classes = await listDirectories(path.join(root, splitDir))
      const bad = classes.find((name) => emotionFromName(name) === null)
      if (bad !== undefined) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `${path.join(root, splitDir)}: folder '${bad}' is not an emotion (${NAMES_HINT})`,
        )
      }
      if (classes.length === 0) {
        throw new StudioFailure(
          'INVALID_INPUT',
          `${path.join(root, splitDir)}: empty folder: no class folders in it`,
        )
      }
      for (const name of classes) {
        groups.push(classGroup(split, path.join(root, splitDir), name, `${splitDir}/${name}`))
      }
    }
  }
  groups.sort(
    (a, b) =>
      SPLITS.indexOf(a.split) - SPLITS.indexOf(b.split) ||
      a.label - b.label ||
      compare(a.relative, b.relative),
  )

  const entries: FolderEntry[] = []
  const rejected: RejectedItem[] = []
  // Class folders may be symlinks: each real folder is read once, so two links to one folder
  // (or a link back to a folder already read) cannot import the same faces twice.
  const seen = new Map<string, string>()
  for (const group of groups) {
    const real = await fs.realpath(group.dir)
    const first = seen.get(real)
    if (first !== undefined) {
      rejected.push({
        kind: 'rejected',
        file: group.relative,
        row: null,
        reason: `the same folder as ${first} (through a symlink): read once`,
      })
      continue
    }
    seen.set(real, group.relative)
    const items = await fs.readdir(group.dir, { withFileTypes: true, encoding: 'buffer' })
    const files: { name: string; bytes: Buffer }[] = []
    for (const item of items) {
      const name = item.name.toString('utf8')
      if (isIgnored(name)) continue
      if (await isFolder(path.join(group.dir, name), item)) {
        rejected.push({
          kind: 'rejected',
          file: `${group.relative}/${name}`,
          row: null,
          reason: 'unexpected folder inside a class folder',
        })
      } else {
        files.push({ name, bytes: item.name })
      }
    }
    if (files.length === 0) {
      rejected.push({
        kind: 'rejected',
        file: group.relative,
        row: null,
        reason: 'empty folder: no images in it',
      })
      continue
    }
    files.sort((a, b) => compare(a.name, b.name) || Buffer.compare(a.bytes, b.bytes))
    const dirBytes = Buffer.from(group.dir + path.sep)
    for (const file of files) {
      entries.push({
        absolutePath: Buffer.concat([dirBytes, file.bytes]),
        relativePath: `${group.relative}/${file.name}`,
        label: group.label,
        split: group.split,
      })
    }
  }
  return {
    entries,
    rejected,
    splitFolders: splitDirs,
    classCount: new Set(groups.map((g) => g.label)).size,
  }
}

function classGroup(split: Split, parent: string, name: string, relative: string) {
  const emotion = emotionFromName(name)
  if (emotion === null) throw new Error(`not an emotion: ${name}`)
  return { split, dir: path.join(parent, name), relative, label: emotionIndex(emotion) }
}

/** Whether a folder entry is a folder, or a symlink to one (a dangling link is not). */
async function isFolder(full: string, item: { isDirectory(): boolean; isSymbolicLink(): boolean }) {
  if (item.isDirectory()) return true
  if (!item.isSymbolicLink()) return false
  try {
    return (await fs.stat(full)).isDirectory()
  } catch {
    return false
  }
}

/**
 * Sub-folders of a folder (hidden ones skipped), symlinks to folders included; a missing folder
 * is NOT_FOUND.
 */
async function listDirectories(dir: string): Promise<string[]> {
  let items
  try {
    items = await fs.readdir(dir, { withFileTypes: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new StudioFailure('NOT_FOUND', `${dir} does not exist`)
    if (code === 'ENOTDIR') throw new StudioFailure('INVALID_INPUT', `${dir} is not a folder`)
    throw err
  }
  const names: string[] = []
  for (const item of items) {
    if (!isIgnored(item.name) && (await isFolder(path.join(dir, item.name), item)))
      names.push(item.name)
  }
  return names.sort(compare)
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
