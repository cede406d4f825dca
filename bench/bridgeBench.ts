import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { WebSocket } from 'ws'

import { startBridgeServer } from '../electron/bridge/createBridgeServer'
import { createToken } from '../electron/bridge/token'
import { createServices } from '../electron/services/createServices'
import { createWorkerThreadHost } from '../electron/training/main/workerThreadHost'

/**
 * `npm run bench:bridge`: what a large invalid request costs over the bridge's WebSocket (a bulk
 * relabel of 100,000 ids that are not ids, about 0.5 MB): the size of the error reply and the
 * round trip, median of a few runs. Writes bench/results/bridge.json.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RESULTS = path.join(ROOT, 'bench', 'results', 'bridge.json')
const RUNS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-bridge-bench-'))
  const token = createToken()
  const services = createServices({
    dataDir: path.join(dir, 'data'),
    shell: 'bridge',
    emit: () => undefined,
    log: () => undefined,
    createHost: () => createWorkerThreadHost(),
  })
  const bridge = await startBridgeServer({
    handlers: services.handlers,
    media: services.media,
    rendererDir: path.join(dir, 'renderer'),
    host: '127.0.0.1',
    port: 0,
    token,
    log: () => undefined,
  })
  const origin = `http://127.0.0.1:${bridge.port}`
  const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws?token=${token}`, { origin })
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  /** Sends one raw frame and resolves with the raw reply frame. */
  const roundTrip = (frame: string) =>
    new Promise<string>((resolve) => {
      socket.once('message', (data: Buffer) => resolve(data.toString()))
      socket.send(frame)
    })
  try {
    const input = {
      faceIds: Array.from({ length: 100_000 }, () => 'id'),
      label: 'happy',
    }
    const frame = JSON.stringify({ id: 1, method: 'labels.set', input })
    const times: number[] = []
    let replyBytes = 0
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now()
      const reply = await roundTrip(frame)
      times.push(performance.now() - started)
      replyBytes = Buffer.byteLength(reply)
    }
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg()[0] },
      invalidRelabel: {
        requestBytes: Buffer.byteLength(frame),
        replyBytes,
        roundTripMs: Math.round(median(times)),
        runs: RUNS,
      },
    }
    console.log(JSON.stringify(report.invalidRelabel))
    fs.writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`)
  } finally {
    socket.close()
    await bridge.close()
    await services.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

await main()
