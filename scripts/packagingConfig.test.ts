import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

type Platform = { icon?: string; desktop?: { entry?: Record<string, string> } }
type Configuration = {
  directories: { buildResources: string }
  linux: Platform
  mac: Platform
  win: Platform
}
// electron-builder's own loader (it merges `extends`) and schema check; not a public export.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, file: string, options: null) => Promise<Configuration>
  validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>
}
const { DebugLogger } = require('builder-util/out/DebugLogger') as {
  DebugLogger: new (enabled: boolean) => unknown
}

describe('electron-builder.yml', () => {
  it('validates, and every icon and the desktop entry it names come from resources/', async () => {
    const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null)
    await validateConfiguration(config, new DebugLogger(false))
    const resources = path.join(ROOT, config.directories.buildResources)
    expect(path.basename(resources)).toBe('resources')
    for (const platform of [config.linux, config.mac, config.win]) {
      expect(platform.icon).toBeTypeOf('string')
      expect(existsSync(path.join(resources, platform.icon ?? ''))).toBe(true)
    }
    expect(existsSync(path.join(resources, 'icons/512x512.png'))).toBe(true)
    expect(config.linux.desktop?.entry).toMatchObject({ Name: 'FER Studio' })
  })
})
