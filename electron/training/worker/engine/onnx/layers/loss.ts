import { attr } from '../onnxBuilder'

import type { EmitContext } from './emitContext'

export type LossOutputs = Readonly<{ loss: string; correct: string; dLogits: string }>

/**
 * Weighted cross-entropy on the logits, and its gradient. `targets` are [N, 7] probabilities, so
 * one-hot labels, label smoothing and soft (FER+) targets are one path; `faceWeights` [N] carries
 * each face's weight already divided by the batch size (Keras' sum over batch size), so
 * loss = sum_i w_i * -sum_k t_ik log softmax(z_i)_k and dz_i = w_i * (softmax(z_i) sum_k t_ik - t_i).
 * `correct` counts faces whose arg-max logit is the arg-max target (the label for one-hot).
 */
export function emitSoftmaxCrossEntropy(
  ctx: EmitContext,
  logits: string,
  targets: string,
  faceWeights: string,
): LossOutputs {
  const { g } = ctx
  const lastAxis = { attributes: { axis: attr.int(1) } }
  const logProbabilities = g.op('LogSoftmax', [logits], lastAxis)
  const perFace = g.op('Neg', [
    g.op('ReduceSum', [g.op('Mul', [targets, logProbabilities]), ctx.ints([1])], {
      attributes: { keepdims: attr.int(0) },
    }),
  ])
  const loss = g.op('ReduceSum', [g.op('Mul', [perFace, faceWeights]), ctx.ints([0])], {
    attributes: { keepdims: attr.int(0) },
    name: 'loss',
  })

  const probabilities = g.op('Exp', [logProbabilities])
  const targetMass = g.op('ReduceSum', [targets, ctx.ints([1])], {
    attributes: { keepdims: attr.int(1) },
  })
  const residual = g.op('Sub', [g.op('Mul', [probabilities, targetMass]), targets])
  const dLogits = g.op('Mul', [residual, g.op('Unsqueeze', [faceWeights, ctx.ints([1])])])

  const argMax = (v: string) =>
    g.op('ArgMax', [v], { attributes: { axis: attr.int(1), keepdims: attr.int(0) } })
  const hits = g.op('Cast', [g.op('Equal', [argMax(logits), argMax(targets)])], {
    attributes: { to: attr.int(1) },
  })
  const correct = g.op('ReduceSum', [hits, ctx.ints([0])], {
    attributes: { keepdims: attr.int(0) },
    name: 'correct',
  })
  return { loss, correct, dLogits }
}
