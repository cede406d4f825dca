import fs from 'node:fs'
import os from 'node:os'

import type { Command } from 'commander'

import type { CallContext } from '../../shared/contract'
import { openDatabase } from '../db/openDatabase'
import type { StudioDb } from '../db/openDatabase'
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
}>

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
 * folder; created if missing), runs `fn`, and closes it whatever happens.
 */
export async function withStore<T>(
  options: StoreOptions,
  io: CliIo,
  fn: (store: CliStore) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(options.dataDir, {
    env: io.env,
    platform: process.platform,
    homedir: io.env['HOME'] || os.homedir(),
  })
  fs.mkdirSync(dataDir, { recursive: true })
  const db = openDatabase(databasePath(dataDir))
  try {
    return await fn({
      db,
      dataDir,
      ctx: { origin: 'cli', log: (message) => io.err(`${message}\n`) },
    })
  } finally {
    db.close()
  }
}
