import path from 'node:path'

import { describe, expect, it } from 'vitest'

import type { MediaService } from '../services/mediaService'
import { resolveAppRequest, resolveMediaRequest } from './protocol'
import { appCsp } from './security'

const root = path.resolve('/srv/out/renderer')
const files = new Set([path.join(root, 'index.html'), path.join(root, 'assets/index-1.js')])
const exists = (file: string) => files.has(file)

describe('resolveAppRequest', () => {
  it('serves renderer files with their type and the CSP', () => {
    const res = resolveAppRequest('studio://app/assets/index-1.js', root, exists, appCsp())
    expect(res).toEqual({
      status: 200,
      headers: {
        'Content-Security-Policy': appCsp(),
        'X-Content-Type-Options': 'nosniff',
        'Content-Type': 'text/javascript; charset=utf-8',
      },
      body: { file: path.join(root, 'assets/index-1.js') },
    })
    expect(resolveAppRequest('studio://app/', root, exists, 'csp').body).toEqual({
      file: path.join(root, 'index.html'),
    })
    expect(resolveAppRequest('studio://app/train', root, exists, 'csp').body).toEqual({
      file: path.join(root, 'index.html'),
    })
  })

  it('refuses other hosts, missing files and traversal', () => {
    for (const url of [
      'studio://other/index.html',
      'studio://app/missing.js',
      'studio://app/..%2f..%2fetc/passwd',
      'studio://app/assets%5c..%5c..%5cpackage.json',
    ]) {
      const res = resolveAppRequest(url, root, exists, 'csp')
      expect(res.status, url).toBe(404)
      expect(res.headers['Content-Security-Policy']).toBe('csp')
    }
    // The URL parser folds encoded dot segments itself; what is left is a client route inside.
    const folded = resolveAppRequest('studio://app/%2e%2e/%2e%2e/etc/passwd', root, exists, 'csp')
    expect(folded.body).toEqual({ file: path.join(root, 'index.html') })
  })
})

describe('resolveMediaRequest', () => {
  const calls: string[] = []
  const media: MediaService = {
    async get(mediaPath, query) {
      calls.push(`${mediaPath}?${query.toString()}`)
      return mediaPath === 'face/3.png'
        ? {
            status: 200,
            contentType: 'image/png',
            body: Buffer.from('png'),
            etag: '"abc-48"',
            cacheControl: 'private, no-cache',
          }
        : { status: 404, message: 'No such face' }
    },
  }

  it('hands the path and query of studio-media://media/... to the media service', async () => {
    const res = await resolveMediaRequest('studio-media://media/face/3.png?size=96', media)
    expect(res).toMatchObject({
      status: 200,
      headers: {
        'Content-Type': 'image/png',
        ETag: '"abc-48"',
        'Cache-Control': 'private, no-cache',
      },
      body: { bytes: Buffer.from('png') },
    })
    expect(calls).toContain('face/3.png?size=96')
    expect((await resolveMediaRequest('studio-media://media/face/4.png', media)).status).toBe(404)
    // A grid row's strip: the same service, ids and versions passed through as sent.
    await resolveMediaRequest(
      'studio-media://media/faces.png?ids=3%2C4&v=0a1b2c3d%2Cffffffff',
      media,
    )
    expect(calls).toContain('faces.png?ids=3%2C4&v=0a1b2c3d%2Cffffffff')
  })

  it('refuses other hosts and schemes before asking the service', async () => {
    const before = calls.length
    expect((await resolveMediaRequest('studio-media://files/etc/passwd', media)).status).toBe(404)
    expect((await resolveMediaRequest('studio://media/face/3.png', media)).status).toBe(404)
    expect(calls.length).toBe(before)
  })
})
