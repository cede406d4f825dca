import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Handlers } from '../../shared/contract'
import type { appMethods } from '../../shared/contract/app'
import { StudioFailure } from '../../shared/transport/envelope'

export type AppServiceDeps = Readonly<{
  dataDir: string
  /** Which shell serves the handlers; 'bridge' unless Electron says otherwise. */
  shell?: 'electron' | 'bridge'
  /** The app version; read from the project's package.json when not given. */
  version?: string
}>

/** The version in the nearest package.json above this file that is FER Studio's. */
export function findAppVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json')
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'fer-studio' && pkg.version) return pkg.version
    }
    dir = path.dirname(dir)
  }
  return '0.0.0'
}

/**
 * The app.* handlers for plain Node shells. `app.choosePath` has no dialog to open here; the
 * Electron shell overrides it with the native one.
 */
export function createAppHandlers(deps: AppServiceDeps): Pick<Handlers, keyof typeof appMethods> {
  const version = deps.version ?? findAppVersion()
  const shell = deps.shell ?? 'bridge'
  return {
    async 'app.getInfo'() {
      return { name: 'FER Studio', version, shell, dataDir: deps.dataDir, hasFileDialog: false }
    },
    async 'app.choosePath'() {
      throw new StudioFailure('INVALID_INPUT', 'no file dialog in the browser, type a path')
    },
  }
}
