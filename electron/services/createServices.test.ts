import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { methods } from '../../shared/contract'
import type { Handlers } from '../../shared/contract'
import { openTestServices } from './services.testUtil'

const root = mkdtempSync(path.join(tmpdir(), 'fer-services-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const ctx = { origin: 'test', log: () => undefined } as const

describe('createServices', () => {
  it('creates the data folder and store, and has a handler for every contract method', async () => {
    const dataDir = path.join(root, 'fresh', 'nested')
    const services = openTestServices(dataDir)
    try {
      expect(existsSync(path.join(dataDir, 'studio.db'))).toBe(true)
      expect(services.dataDir).toBe(dataDir)
      for (const method of Object.keys(methods)) {
        expect(typeof services.handlers[method as keyof Handlers], method).toBe('function')
      }
      expect(Object.keys(services.handlers).sort()).toEqual(Object.keys(methods).sort())
      expect(await services.handlers['app.getInfo']({}, ctx)).toMatchObject({
        shell: 'bridge',
        hasFileDialog: false,
      })
    } finally {
      await services.close()
      await services.close() // closing twice is harmless
    }
  })

  it('lets a shell replace handlers; a file chooser shows in app.getInfo', async () => {
    const services = openTestServices(path.join(root, 'overrides'), {
      'app.choosePath': async () => '/chosen/file.csv',
    })
    try {
      expect(await services.handlers['app.choosePath']({ kind: 'file' }, ctx)).toBe(
        '/chosen/file.csv',
      )
      expect(await services.handlers['app.getInfo']({}, ctx)).toMatchObject({ hasFileDialog: true })
    } finally {
      await services.close()
    }
  })

  it('keeps what was stored across a close and a reopen', async () => {
    const dataDir = path.join(root, 'reopen')
    const first = openTestServices(dataDir)
    const demo = await first.handlers['datasets.createDemo']({ name: 'kept' }, ctx)
    await first.close()
    const second = openTestServices(dataDir)
    try {
      const [kept] = await second.handlers['datasets.list']({}, ctx)
      expect(kept).toMatchObject({ id: demo.id, name: 'kept', faceCount: demo.faceCount })
    } finally {
      await second.close()
    }
  })
})
