import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { contentTypeFor, resolveRendererFile } from './rendererFiles'

const root = path.resolve('/srv/out/renderer')

describe('resolveRendererFile', () => {
  it('maps / to index.html and assets to their files', () => {
    expect(resolveRendererFile(root, '/')).toEqual({
      filePath: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
      isFallback: false,
    })
    expect(resolveRendererFile(root, '/assets/index-abc.js')?.filePath).toBe(
      path.join(root, 'assets/index-abc.js'),
    )
    expect(resolveRendererFile(root, '/assets/index-abc.js')?.contentType).toBe(
      'text/javascript; charset=utf-8',
    )
  })

  it('falls back to index.html for client routes only', () => {
    expect(resolveRendererFile(root, '/faces')).toMatchObject({
      filePath: path.join(root, 'index.html'),
      isFallback: true,
    })
    expect(resolveRendererFile(root, '/missing.css')).toMatchObject({
      filePath: path.join(root, 'missing.css'),
      isFallback: false,
    })
  })

  it('refuses every way out of the folder', () => {
    for (const attempt of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/index.html%00.png',
      '/%E0%A4%A',
    ]) {
      expect(resolveRendererFile(root, attempt), attempt).toBeNull()
    }
  })
})

describe('contentTypeFor', () => {
  it('knows the renderer build outputs and defaults to bytes', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('a.SVG')).toBe('image/svg+xml')
    expect(contentTypeFor('a.wasm')).toBe('application/wasm')
    expect(contentTypeFor('a.bin')).toBe('application/octet-stream')
  })
})
