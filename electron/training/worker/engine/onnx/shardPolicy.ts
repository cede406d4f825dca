/** Most shards a batch is split into (BatchNorm normalises over each shard's faces: 16 of 64). */
export const MAX_SHARDS = 4

export type ShardPolicyInput = Readonly<{
  /** Threads the engine may compute on. */
  threads: number
  /** Cores of the machine. */
  cores: number
  /** The machine's 1-minute load average when training starts (os.loadavg()[0]). */
  load: number
}>

/**
 * How many shards `auto` trains on (bench/results/ort-training-attempts.md, rows 18-19): one
 * 1-thread session per thread when the machine has those threads idle (fast-cnn 25% faster than
 * one 2-thread session on 2 idle cores, seed-cnn 18%), since one session leaves a third of two
 * cores unused; but one session when other work keeps the cores busy, since then a descheduled
 * shard holds the whole step while ORT's pool shares each operator among the threads that run
 * (one session 15-20% faster at 0.6-0.8 of a core). Above MAX_SHARDS threads, each shard's
 * session gets several (not measured: these machines have 2 cores).
 */
export function autoShards({ threads, cores, load }: ShardPolicyInput): number {
  if (threads < 2) return 1
  const idle = cores - load
  return idle >= threads - 0.5 ? Math.min(threads, MAX_SHARDS) : 1
}
