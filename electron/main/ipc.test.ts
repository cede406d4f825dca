import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createServices } from '../services/createServices'
import type { Services } from '../services/createServices'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createRequestHandler } from './ipc'
import { trustedOrigins } from './security'

/**
 * The `studio:request` handler Electron main registers, driven with real services: what
 * ipcMain.handle would call, minus the Electron event object (senderInfo reads it).
 */
let dir: string
let services: Services
const logged: string[] = []

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fer-ipc-test-'))
  services = createServices({
    dataDir: dir,
    shell: 'electron',
    emit: () => undefined,
    log: (message) => logged.push(message),
    createHost: () => createWorkerThreadHost(),
  })
})

afterAll(async () => {
  await services.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('createRequestHandler', () => {
  it('serves the main frame of the app origin through dispatch', async () => {
    const handle = createRequestHandler({
      handlers: services.handlers,
      origins: trustedOrigins(null),
      log: () => undefined,
    })
    const envelope = await handle(
      { frameUrl: 'studio://app/index.html', isMainFrame: true },
      'app.getInfo',
      {},
    )
    expect(envelope).toMatchObject({ ok: true, value: { shell: 'electron', dataDir: dir } })
    expect(
      await handle({ frameUrl: 'studio://app/', isMainFrame: true }, 'datasets.list', {}),
    ).toEqual({ ok: true, value: [] })
  })

  it('answers refused senders with UNAUTHORIZED and logs them, without running the method', async () => {
    const handle = createRequestHandler({
      handlers: services.handlers,
      origins: trustedOrigins(null),
      log: (message) => logged.push(message),
    })
    for (const sender of [
      { frameUrl: 'studio://app/index.html', isMainFrame: false },
      { frameUrl: 'https://example.com/', isMainFrame: true },
      { frameUrl: undefined, isMainFrame: true },
    ]) {
      const before = (
        await services.handlers['datasets.list']({}, { origin: 'test', log: () => undefined })
      ).length
      const envelope = await handle(sender, 'datasets.createDemo', {})
      expect(envelope).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
      const after = (
        await services.handlers['datasets.list']({}, { origin: 'test', log: () => undefined })
      ).length
      expect(after).toBe(before)
    }
    expect(
      logged.some((line) => line.includes('refused datasets.createDemo from https://example.com/')),
    ).toBe(true)
  })

  it('returns unknown methods and bad input as data', async () => {
    const handle = createRequestHandler({
      handlers: services.handlers,
      origins: trustedOrigins(null),
      log: () => undefined,
    })
    const sender = { frameUrl: 'studio://app/index.html', isMainFrame: true }
    expect(await handle(sender, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    })
    expect(await handle(sender, 42, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    })
    expect(await handle(sender, 'datasets.get', { datasetId: -3 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
