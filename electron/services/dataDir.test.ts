import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { databasePath, resolveDataDir } from './dataDir'

const env = (vars: Record<string, string>, platform: NodeJS.Platform = 'linux') => ({
  env: vars,
  platform,
  homedir: '/home/ada',
})

describe('resolveDataDir', () => {
  it('prefers the flag, then FER_STUDIO_DATA, always absolute', () => {
    expect(resolveDataDir('/data/x', env({ FER_STUDIO_DATA: '/env' }))).toBe('/data/x')
    expect(resolveDataDir('rel', env({}))).toBe(path.resolve('rel'))
    expect(resolveDataDir(undefined, env({ FER_STUDIO_DATA: '/env' }))).toBe('/env')
    expect(resolveDataDir('', env({ FER_STUDIO_DATA: '/env' }))).toBe('/env')
  })
  it("falls back to the platform's user data folder", () => {
    expect(resolveDataDir(undefined, env({}))).toBe('/home/ada/.config/fer-studio')
    expect(resolveDataDir(undefined, env({ XDG_CONFIG_HOME: '/xdg' }))).toBe('/xdg/fer-studio')
    expect(resolveDataDir(undefined, env({}, 'darwin'))).toBe(
      '/home/ada/Library/Application Support/fer-studio',
    )
    expect(resolveDataDir(undefined, env({ APPDATA: '/appdata' }, 'win32'))).toBe(
      path.join('/appdata', 'fer-studio'),
    )
    expect(databasePath('/d')).toBe(path.join('/d', 'studio.db'))
  })
})
