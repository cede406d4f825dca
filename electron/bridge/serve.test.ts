import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

/**
 * `serve.ts` as `npm start` runs it without Electron, in its own process: what it writes, what it
 * logs, and that a hostile request does not end it.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = mkdtempSync(path.join(tmpdir(), 'fer-serve-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    const socket = connect({ host: '127.0.0.1', port })
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(text))
    socket.end(bytes)
  })
}

describe.skipIf(process.platform === 'win32')('serve.ts', () => {
  it('writes --url-file for its owner only, keeps serving after a malformed upgrade, and logs no token', async () => {
    const urlFile = path.join(dir, 'url.txt')
    writeFileSync(urlFile, '', { mode: 0o644 })
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/bridge/serve.ts', '--no-open', '--no-demo'].concat([
        '--data-dir',
        path.join(dir, 'data'),
        '--url-file',
        urlFile,
      ]),
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    try {
      await expect.poll(() => readFileSync(urlFile, 'utf8'), { timeout: 60_000 }).toMatch(/\n$/)
      expect(statSync(urlFile).mode & 0o777).toBe(0o600)
      const url = new URL(readFileSync(urlFile, 'utf8').trim())
      const token = url.searchParams.get('token') ?? ''
      const port = Number(url.port)
      const host = `Host: 127.0.0.1:${port}`
      const upgrade = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13`
      const refused = await raw(port, `GET http://[ HTTP/1.1\r\n${host}\r\n${upgrade}\r\n\r\n`)
      expect(refused).toMatch(/^HTTP\/1\.1 400 /)
      const health = await raw(
        port,
        `GET /healthz?token=${token} HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`,
      )
      expect(health).toMatch(/^HTTP\/1\.1 200 /)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      // The one URL printed for the user carries the token; no log line does.
      expect(output.split(token).length - 1).toBe(1)
      expect(output).toContain(`FER Studio is running at ${url.href}`)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 90_000)
})
