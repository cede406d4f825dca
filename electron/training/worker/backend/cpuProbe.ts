import { availableParallelism } from 'node:os'

import * as tf from '../../common/tf'

import { attr, createGraphBuilder } from '../engine/onnx/onnxBuilder'
import { createOrtSession } from '../engine/onnx/loadOrt'

/** Milliseconds one probe workload took on each native CPU engine. */
export type CpuProbeTimes = Readonly<{ onnxruntime: number; tensorflow: number }>

/**
 * The probe: a 3x3 convolution 32 -> 64 channels at 24x24 on 16 faces, the shape that dominates
 * fast-cnn's time. Small enough to cost well under a second, large enough to tell engines apart.
 */
const FACES = 16
const SIDE = 24
const IN = 32
const OUT = 64
const REPEATS = 3

function filled(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 97) / 97 - 0.5)
}

/** Median time of `REPEATS` runs after one warm-up. */
async function median(run: () => Promise<void>, now: () => number): Promise<number> {
  await run()
  const times: number[] = []
  for (let i = 0; i < REPEATS; i++) {
    const start = now()
    await run()
    times.push(now() - start)
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!
}

async function timeOrt(now: () => number): Promise<number> {
  const g = createGraphBuilder('probe')
  const x = g.input('x', 'float', [FACES, IN, SIDE, SIDE])
  const w = g.initializer('w', filled(OUT * IN * 9), [OUT, IN, 3, 3])
  g.op('Conv', [x, w], {
    outputs: ['y'],
    attributes: { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) },
  })
  g.output('y', 'float')
  const opened = await createOrtSession(g.toBytes(), { threads: availableParallelism() })
  if (!opened.ok) throw new Error(opened.reason)
  const input = new opened.ort.Tensor('float32', filled(FACES * IN * SIDE * SIDE), [
    FACES,
    IN,
    SIDE,
    SIDE,
  ])
  try {
    return await median(async () => {
      const out = await opened.session.run({ x: input })
      out.y?.dispose()
    }, now)
  } finally {
    await opened.session.release()
  }
}

async function timeTfjs(tfName: string, now: () => number): Promise<number> {
  const previous = tf.getBackend()
  if (!(await tf.setBackend(tfName))) throw new Error(`tfjs could not initialise '${tfName}'`)
  const x = tf.tensor4d(filled(FACES * SIDE * SIDE * IN), [FACES, SIDE, SIDE, IN])
  const w = tf.tensor4d(filled(9 * IN * OUT), [3, 3, IN, OUT])
  try {
    return await median(async () => {
      const y = tf.conv2d(x, w, 1, 'same')
      await y.data()
      y.dispose()
    }, now)
  } finally {
    tf.dispose([x, w])
    if (previous) await tf.setBackend(previous)
  }
}

/**
 * Times the same convolution on ONNX Runtime and on tfjs' `tensorflowTfName` backend (tfjs-node),
 * so 'auto' can take the faster of the two where both load. Throws if either cannot run it.
 */
export async function probeCpuEngines(
  tensorflowTfName: string,
  now: () => number = () => performance.now(),
): Promise<CpuProbeTimes> {
  return {
    onnxruntime: await timeOrt(now),
    tensorflow: await timeTfjs(tensorflowTfName, now),
  }
}
