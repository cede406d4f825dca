import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { writeFer2013Csv } from '../bridge/writeFer2013Csv'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createServices } from './createServices'
import type { Services } from './createServices'
import { MAX_STRIP_FACES } from '../../shared/domain/face'
import { parseMediaPath } from './mediaService'

const noQuery = new URLSearchParams()

describe('parseMediaPath', () => {
  it('reads a face id and an optional size', () => {
    expect(parseMediaPath('face/12.png', noQuery)).toEqual({
      kind: 'face',
      faceId: 12,
      size: null,
      version: null,
    })
    expect(parseMediaPath('face/12.png', new URLSearchParams('size=192&v=0a1b2c3d'))).toEqual({
      kind: 'face',
      faceId: 12,
      size: 192,
      version: '0a1b2c3d',
    })
  })

  it('treats anything that is not face/<positive id>.png as unknown', () => {
    for (const bad of [
      'face/0.png',
      'face/-1.png',
      'face/1.jpg',
      'face/1',
      'face/../1.png',
      '../face/1.png',
      'face/1.png/x',
      'image/1.png',
      '',
    ]) {
      expect(parseMediaPath(bad, noQuery), bad).toMatchObject({ kind: 'invalid', status: 404 })
    }
  })

  it('refuses versions that are not a hash prefix of 8 or more hex digits', () => {
    for (const v of ['abc', 'XYZ12345', '0a1b2c3d/..', '']) {
      expect(parseMediaPath('face/1.png', new URLSearchParams({ v })), v).toMatchObject({
        kind: 'invalid',
        status: 400,
      })
    }
  })

  it('refuses sizes that are not sensible integers', () => {
    for (const size of ['0', '7', '2000', '1.5', 'abc', '']) {
      expect(parseMediaPath('face/1.png', new URLSearchParams({ size })), size).toMatchObject({
        kind: 'invalid',
        status: 400,
      })
    }
  })
})

describe('parseMediaPath: strips', () => {
  const strip = (query: string) => parseMediaPath('faces.png', new URLSearchParams(query))

  it('reads the ids in order and one version per id', () => {
    expect(strip('ids=3,1,2')).toEqual({ kind: 'strip', faceIds: [3, 1, 2], versions: null })
    expect(strip('ids=3,1&v=0a1b2c3d,ffffffff')).toEqual({
      kind: 'strip',
      faceIds: [3, 1],
      versions: ['0a1b2c3d', 'ffffffff'],
    })
  })

  it('refuses missing, bad or too many ids and versions that do not pair with them', () => {
    const tooMany = Array.from({ length: MAX_STRIP_FACES + 1 }, (_, i) => i + 1).join(',')
    for (const [query, message] of [
      ['', /ids is missing/],
      ['ids=', /ids is missing/],
      ['ids=1,,2', /positive face ids, got ''/],
      ['ids=1,0', /got '0'/],
      ['ids=1,x', /got 'x'/],
      [`ids=${tooMany}`, /at most 64 faces, got 65/],
      ['ids=1,2&v=0a1b2c3d', /one hash prefix per id: 2 ids, 1 v/],
      ['ids=1,2&v=0a1b2c3d,xyz', /got 'xyz'/],
    ] as const) {
      expect(strip(query), query).toMatchObject({
        kind: 'invalid',
        status: 400,
        message: expect.stringMatching(message),
      })
    }
  })
})

describe('createMediaService over a real store', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fer-media-test-'))
  const ctx = { origin: 'test', log: () => undefined } as const
  let services: Services
  beforeAll(() => {
    services = createServices({
      dataDir: root,
      shell: 'bridge',
      emit: () => undefined,
      log: () => undefined,
      createHost: () => createWorkerThreadHost(),
    })
  })
  afterAll(async () => {
    await services.close()
    rmSync(root, { recursive: true, force: true })
  })

  /** Imports a generated CSV through the dataset handlers and waits for the import to finish. */
  async function importCsv(name: string, seed: number): Promise<number> {
    const file = path.join(root, `${name}.csv`)
    await writeFer2013Csv(file, { perClass: 2, seed })
    await services.handlers['datasets.import']({ path: file, name, skipBad: false }, ctx)
    return vi.waitFor(
      async () => {
        const found = (await services.handlers['datasets.list']({}, ctx)).find(
          (d) => d.name === name,
        )
        if (found === undefined) throw new Error('not imported yet')
        return found.id
      },
      { timeout: 30_000, interval: 100 },
    )
  }

  it('serves PNGs by id with an ETag, caching for good only URLs that name the content', async () => {
    const datasetId = await importCsv('first', 1)
    const { ids } = await services.handlers['faces.query'](
      { datasetId: datasetId as never, filter: {}, sort: 'id' },
      ctx,
    )
    const [face] = await services.handlers['faces.get']({ ids: [ids[0]!] }, ctx)
    const plain = await services.media.get(`face/${face!.id}.png`, noQuery)
    expect(plain).toMatchObject({
      status: 200,
      contentType: 'image/png',
      cacheControl: 'private, no-cache',
    })
    expect(plain.status === 200 && plain.etag).toBe(`"${face!.hash}-48"`)
    const versioned = await services.media.get(
      `face/${face!.id}.png`,
      new URLSearchParams({ v: face!.hash.slice(0, 12) }),
    )
    expect(versioned).toMatchObject({
      status: 200,
      cacheControl: 'private, max-age=31536000, immutable',
    })
    const stale = await services.media.get(
      `face/${face!.id}.png`,
      new URLSearchParams({ v: '00000000' }),
    )
    expect(stale).toMatchObject({ status: 200, cacheControl: 'private, no-cache' })
    expect(await services.media.get('face/99999999.png', noQuery)).toMatchObject({ status: 404 })
  })

  it('serves a row of faces as one strip, in the order asked, cached for good when versioned', async () => {
    const datasetId = (await services.handlers['datasets.list']({}, ctx)).find(
      (d) => d.name === 'first',
    )!.id
    const { ids } = await services.handlers['faces.query'](
      { datasetId, filter: {}, sort: 'id' },
      ctx,
    )
    const picked = [ids[2]!, ids[0]!, ids[1]!]
    const faces = await services.handlers['faces.get']({ ids: picked }, ctx)
    const v = faces.map((face) => face.hash.slice(0, 8)).join(',')
    const response = await services.media.get(
      'faces.png',
      new URLSearchParams({ ids: picked.join(','), v }),
    )
    if (response.status !== 200) throw new Error(response.message)
    expect(response.cacheControl).toBe('private, max-age=31536000, immutable')
    const strip = await sharp(response.body).toColourspace('b-w').raw().toBuffer()
    expect((await sharp(response.body).metadata()).width).toBe(3 * 48)
    for (const [index, faceId] of picked.entries()) {
      const single = await services.media.get(`face/${faceId}.png`, noQuery)
      if (single.status !== 200) throw new Error(single.message)
      const pixels = await sharp(single.body).toColourspace('b-w').raw().toBuffer()
      const column = Array.from({ length: 48 * 48 }, (_, i) =>
        strip.readUInt8(Math.floor(i / 48) * 144 + index * 48 + (i % 48)),
      )
      expect(column).toEqual(Array.from(pixels))
    }
    const unversioned = await services.media.get(
      'faces.png',
      new URLSearchParams({ ids: picked.join(',') }),
    )
    expect(unversioned).toMatchObject({ status: 200, cacheControl: 'private, no-cache' })
    expect(unversioned.status === 200 && unversioned.etag).toBe(response.etag)
    expect(
      await services.media.get('faces.png', new URLSearchParams({ ids: `${ids[0]},99999999` })),
    ).toMatchObject({ status: 404, message: 'Face 99999999 does not exist' })
  })

  it('never serves a cached image for a face id the store has reused', async () => {
    const firstId = (await services.handlers['datasets.list']({}, ctx)).find(
      (d) => d.name === 'first',
    )!.id
    const { ids } = await services.handlers['faces.query'](
      { datasetId: firstId, filter: {}, sort: 'id' },
      ctx,
    )
    const lastId = ids.at(-1)!
    const before = await services.media.get(`face/${lastId}.png`, noQuery)
    await services.handlers['datasets.delete']({ datasetId: firstId }, ctx)
    await importCsv('second', 999)
    const [reused] = await services.handlers['faces.get']({ ids: [lastId] }, ctx)
    expect(reused?.id).toBe(lastId) // SQLite hands the freed rowids out again
    const after = await services.media.get(`face/${lastId}.png`, noQuery)
    expect(after.status === 200 && before.status === 200 && after.body.equals(before.body)).toBe(
      false,
    )
    expect(after.status === 200 && after.etag).toBe(`"${reused!.hash}-48"`)
  })
})
