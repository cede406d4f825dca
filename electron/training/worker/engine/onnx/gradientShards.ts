import type { CompiledGraph } from './compileTraining'
import type { OrtModule, OrtSession } from './loadOrt'
import { gradientFeeds, type StepData } from './stepFeeds'

/**
 * What the gradient graph gives for some faces: the (weighted, summed) loss, the correct count and,
 * aligned with graph.weights, each trainable weight's gradient or each BN statistic's next value.
 */
export type ShardResult = Readonly<{
  count: number
  loss: number
  correct: number
  outputs: readonly Float32Array[]
}>

/** Runs the gradient graph on some faces with the given weights (by position in model.weights). */
export type GradientRunner = Readonly<{
  run(data: StepData, weights: readonly Float32Array[]): Promise<ShardResult>
  endProfiling(): Promise<void>
  dispose(): Promise<void>
}>

/** A runner on an ORT session in this thread. */
export function createSessionRunner(
  ort: OrtModule,
  session: OrtSession,
  graph: CompiledGraph,
  inputSize: number,
): GradientRunner {
  return {
    async run(data, weights) {
      const out = await session.run(gradientFeeds(ort, graph, data, weights, inputSize))
      const read = (name: string) => out[name]!.data as Float32Array
      return {
        count: data.count,
        loss: read(graph.outputs.loss)[0]!,
        correct: Math.round(read(graph.outputs.correct)[0]!),
        outputs: graph.weights.map((s) => read(s.ref.trainable ? s.gradient! : s.next!)),
      }
    },
    endProfiling: () => Promise.resolve(session.endProfiling()),
    dispose: () => session.release(),
  }
}

/** [start, end) of each of `shards` near-equal parts of `count` faces; empty parts left out. */
export function splitBatch(count: number, shards: number): [number, number][] {
  const parts: [number, number][] = []
  for (let k = 0; k < shards; k++) {
    const start = Math.round((k * count) / shards)
    const end = Math.round(((k + 1) * count) / shards)
    if (end > start) parts.push([start, end])
  }
  return parts
}
