import * as tf from '../../../common/tf'
import { beforeAll, describe, expect, it } from 'vitest'

import { relativeError } from '../../kernels/crossBackend.testUtil'
import { buildFastCnn } from '../../../common/models/fastCnn'
import { buildSeedCnn } from '../../../common/models/seedCnn'
import { tinyCnn } from '../../../common/models/tinyCnn'

import { makeCheckBatch, ortStep, requireOrt, tfjsStep } from './gradientCheck.testUtil'

/**
 * Relative error bound of every gradient. What remains on a correct backward is float32
 * rounding through up to 25 layers (1e-6 to a few 1e-5 here, largest on small biases whose
 * gradient is a sum that mostly cancels); a wrong backward gives errors of order 1.
 */
const TOLERANCE = 1e-4

/** Loss, every gradient and every new BN statistic of ORT's step against tfjs cpu's. */
async function expectSameStep(model: tf.Sequential, count: number, seed: number) {
  const batch = makeCheckBatch(model, count, seed)
  const expected = await tfjsStep(model, batch)
  const actual = await ortStep(model, batch)
  expect(Math.abs(actual.loss - expected.loss) / Math.abs(expected.loss)).toBeLessThan(TOLERANCE)
  expect([...actual.values.keys()].sort()).toEqual([...expected.values.keys()].sort())
  for (const [index, values] of expected.values) {
    const name = model.weights[index]!.name
    if (process.env.SHOW_ERRORS) console.log(name, relativeError(actual.values.get(index)!, values))
    expect(relativeError(actual.values.get(index)!, values), name).toBeLessThan(TOLERANCE)
  }
}

describe('compileTrainingStep: every preset at reduced width matches tfjs cpu', () => {
  beforeAll(async () => {
    await requireOrt()
    await tf.setBackend('cpu')
  })

  it('tiny-cnn', async () => {
    const model = tinyCnn.build(3)
    await expectSameStep(model, 6, 11)
    model.dispose()
  })

  it('fast-cnn (narrow)', async () => {
    const model = buildFastCnn(5, [4, 6, 8, 8, 6, 8])
    await expectSameStep(model, 5, 12)
    model.dispose()
  })

  it('seed-cnn (narrow), with dropout masks on images and vectors', async () => {
    const model = buildSeedCnn(7, [4, 4, 6, 8, 8, 12, 10])
    await expectSameStep(model, 4, 14)
    model.dispose()
  })
})
