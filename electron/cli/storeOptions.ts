import fs from 'node:fs'
import os from 'node:os'

import type { Command } from 'commander'

import type { CallContext } from '../../shared/contract'
import { openDatabase } from '../db/openDatabase'
import type { StudioDb } from '../db/openDatabase'
import { openDatabaseReadOnly, StoreNeedsWriting } from '../db/openReadOnly'
import { asStorageFailure, storageFailure } from '../db/storageFaults'
import { databasePath, resolveDataDir } from '../services/dataDir'
import type { CliIo } from './cliIo'

/** The options every command takes. */
export type StoreOptions = Readonly<{ dataDir?: string; json?: boolean }>

/** An open store for one command. */
export type CliStore = Readonly<{
  db: StudioDb
  dataDir: string
  /** A call context for calling contract handlers directly. */
  ctx: CallContext
  /** True when the store was opened for reading only: writes through `db` fail. */
  readOnly: boolean
}>

/**
 * How a command uses the store: 'write' opens it for writing (creating it if missing); 'read'
 * opens it read-only (nothing is written to the folder, so a read-only folder works; a missing
 * store reads as empty); 'write-if-possible' writes when the folder allows it, else reads.
 */
export type StoreAccess = 'write' | 'read' | 'write-if-possible'

/** Adds `--data-dir` and `--json` to a command. Every command calls this. */
export function withStoreOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'studio data folder (default: $FER_STUDIO_DATA, else the user data folder)',
    )
    .option('--json', 'print the result as JSON on stdout (errors as JSON on stderr)')
}

/**
 * Opens the store the options name (`--data-dir`, else FER_STUDIO_DATA, else the user data
 * folder), runs `fn`, and closes it whatever happens. A full disk, a read-only folder or a store
 * locked too long become DISK_FULL, READ_ONLY or CONFLICT failures with a clear message.
 */
export async function withStore<T>(
  options: StoreOptions,
  io: CliIo,
  fn: (store: CliStore) => Promise<T>,
  access: StoreAccess = 'write',
): Promise<T> {
  const dataDir = resolveDataDir(options.dataDir, {
    env: io.env,
    platform: process.platform,
    homedir: io.env['HOME'] || os.homedir(),
  })
  let opened: { db: StudioDb; readOnly: boolean }
  try {
    opened = openStore(dataDir, access)
  } catch (err) {
    throw asStorageFailure(err, dataDir)
  }
  const { db, readOnly } = opened
  try {
    return await fn({
      db,
      dataDir,
      readOnly,
      ctx: { origin: 'cli', log: (message) => io.err(`${message}\n`) },
    })
  } catch (err) {
    throw asStorageFailure(err, dataDir)
  } finally {
    db.close()
  }
}

function openStore(dataDir: string, access: StoreAccess): { db: StudioDb; readOnly: boolean } {
  const file = databasePath(dataDir)
  if (access === 'read') {
    try {
      return { db: openDatabaseReadOnly(file), readOnly: true }
    } catch (err) {
      if (!(err instanceof StoreNeedsWriting)) throw err
      // No store yet: reading finds nothing, and the folder stays untouched.
      if (!fs.existsSync(file)) return { db: openDatabase(':memory:'), readOnly: true }
    }
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    return { db: openDatabase(file), readOnly: false }
  } catch (err) {
    if (access !== 'write-if-possible' || storageFailure(err, dataDir)?.code !== 'READ_ONLY')
      throw err
    return openStore(dataDir, 'read')
  }
}

/** `withStore` for commands that only read: the store is opened read-only. */
export function withStoreReading<T>(
  options: StoreOptions,
  io: CliIo,
  fn: (store: CliStore) => Promise<T>,
): Promise<T> {
  return withStore(options, io, fn, 'read')
}
