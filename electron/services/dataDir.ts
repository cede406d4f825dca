import os from 'node:os'
import path from 'node:path'

/** The studio's folder name inside the platform's user data folder. */
export const APP_DIR_NAME = 'fer-studio'

/** File names inside the data dir (docs/ARCHITECTURE.md). */
export const DATABASE_FILE = 'studio.db'
export const REPORTS_DIR = 'reports'
export const RUNS_DIR = 'runs'

export type DataDirEnvironment = Readonly<{
  env: Readonly<Record<string, string | undefined>>
  platform: NodeJS.Platform
  homedir: string
}>

const CURRENT: DataDirEnvironment = {
  env: process.env,
  platform: process.platform,
  homedir: os.homedir(),
}

/**
 * Where the studio keeps its data: the `--data-dir` flag when given, else `FER_STUDIO_DATA`, else
 * the platform's user data folder (`$XDG_CONFIG_HOME/fer-studio` or `~/.config/fer-studio` on
 * Linux, `~/Library/Application Support/fer-studio` on macOS, `%APPDATA%/fer-studio` on Windows).
 * Always absolute; the folder is not created here.
 */
export function resolveDataDir(flag?: string, environment: DataDirEnvironment = CURRENT): string {
  const { env, platform, homedir } = environment
  if (flag !== undefined && flag.trim() !== '') return path.resolve(flag)
  const fromEnv = env['FER_STUDIO_DATA']
  if (fromEnv !== undefined && fromEnv.trim() !== '') return path.resolve(fromEnv)
  if (platform === 'darwin')
    return path.join(homedir, 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32') {
    const appData = env['APPDATA'] ?? path.join(homedir, 'AppData', 'Roaming')
    return path.join(appData, APP_DIR_NAME)
  }
  const xdg = env['XDG_CONFIG_HOME']
  const configHome = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(homedir, '.config')
  return path.join(configHome, APP_DIR_NAME)
}

/** The database file inside a data dir. */
export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE)
}
