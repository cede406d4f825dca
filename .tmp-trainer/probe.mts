import { createComputeEngine } from '../electron/training/engine/createComputeEngine'
for (const backend of ['wasm', 'cpu'] as const) {
  const t0 = performance.now()
  const e = await createComputeEngine({ model: 'tiny-cnn', backend, seed: 1 })
  const t1 = performance.now()
  const n = 32
  const x = new Float32Array(n * 48 * 48).map(() => Math.random())
  const y = new Int32Array(n).map((_, i) => i % 7)
  for (let i = 0; i < 5; i++) {
    const r = await e.trainBatch({ x, y, count: n, sampleWeights: null, learningRate: 1e-3 })
    console.log(backend, i, r.loss.toFixed(4), r.correct)
  }
  const t2 = performance.now()
  console.log(backend, 'init', (t1 - t0).toFixed(0), 'ms; 5 batches of 32', (t2 - t1).toFixed(0), 'ms', e.backend, e.threads, await e.tensorCount())
  await e.dispose()
}
