import { CONTROL_WORDS } from './sharedMemory'

const ARRIVED = 0
const GENERATION = 1
const ABORTED = 2

/** How often a thread waiting at the barrier looks whether the step was abandoned. */
const ABORT_POLL_MS = 200

/**
 * The words the shard threads and the engine share to pace a step (an Int32Array over the shared
 * control buffer): a reusable barrier (threads arrived, generation), an abort flag the engine
 * raises when a shard fails so that no thread waits forever, and each shard's face count this step.
 */
export type ShardControl = Readonly<{
  /**
   * Blocks (Atomics.wait: only in worker threads) until all `shards` threads arrived; throws once
   * the step is abandoned.
   */
  arrive(): void
  abort(): void
  /** Clears the barrier and the abort flag; only while no thread is inside a step. */
  reset(): void
  setCount(shard: number, count: number): void
  count(shard: number): number
}>

export function shardControl(buffer: SharedArrayBuffer, shards: number): ShardControl {
  const words = new Int32Array(buffer)
  if (words.length < CONTROL_WORDS + shards) throw new Error('Control buffer too small')
  const aborted = () => Atomics.load(words, ABORTED) !== 0
  return {
    arrive() {
      if (aborted()) throw new Error('The step was abandoned: another shard failed')
      const generation = Atomics.load(words, GENERATION)
      if (Atomics.add(words, ARRIVED, 1) === shards - 1) {
        Atomics.store(words, ARRIVED, 0)
        Atomics.add(words, GENERATION, 1)
        Atomics.notify(words, GENERATION)
        return
      }
      while (Atomics.load(words, GENERATION) === generation) {
        if (aborted()) throw new Error('The step was abandoned: another shard failed')
        Atomics.wait(words, GENERATION, generation, ABORT_POLL_MS)
      }
    },
    abort() {
      Atomics.store(words, ABORTED, 1)
      Atomics.notify(words, GENERATION)
    },
    reset() {
      Atomics.store(words, ARRIVED, 0)
      Atomics.store(words, ABORTED, 0)
    },
    setCount: (shard, count) => Atomics.store(words, CONTROL_WORDS + shard, count),
    count: (shard) => Atomics.load(words, CONTROL_WORDS + shard),
  }
}
