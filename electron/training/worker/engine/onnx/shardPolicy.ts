import { cpus } from 'node:os'

/** Most shards a batch is split into (BatchNorm normalises over each shard's faces: 16 of 64). */
export const MAX_SHARDS = 4

/** How long idleCores watches the machine. */
const IDLE_WINDOW_MS = 300

export type ShardPolicyInput = Readonly<{
  /** Threads the engine may compute on. */
  threads: number
  /** Cores that other processes left idle when training starts (idleCores). */
  idle: number
}>

/**
 * How many shards `auto` trains on (bench/results/ort-training-attempts.md, rows 18-19): one
 * 1-thread session per thread when the machine has those threads idle (fast-cnn 25% faster than
 * one 2-thread session on 2 idle cores, seed-cnn 18%), since one session leaves a fifth of two
 * cores unused; but one session when other work keeps the cores busy, since then a descheduled
 * shard holds the whole step while ORT's pool shares each operator among the threads that run
 * (one session 15-20% faster at 0.6-0.8 of a core). Above MAX_SHARDS threads, each shard's
 * session gets several (not measured: these machines have 2 cores).
 */
export function autoShards({ threads, idle }: ShardPolicyInput): number {
  if (threads < 2) return 1
  return idle >= threads - 0.5 ? Math.min(threads, MAX_SHARDS) : 1
}

/** The machine's CPU time (ms, all cores), this process's (ms) and the wall clock (ms), at once. */
export type CpuSample = Readonly<{ idle: number; total: number; own: number; at: number }>

export function sampleCpu(): CpuSample {
  let idle = 0
  let total = 0
  for (const cpu of cpus()) {
    const t = cpu.times
    idle += t.idle
    total += t.user + t.nice + t.sys + t.idle + t.irq
  }
  const own = process.cpuUsage()
  return { idle, total, own: (own.user + own.system) / 1000, at: performance.now() }
}

/**
 * The cores other processes left to this one between two samples: the machine's idle share plus
 * what this process itself used meanwhile.
 */
export function idleBetween(before: CpuSample, after: CpuSample, cores: number): number {
  const total = after.total - before.total
  const wall = after.at - before.at
  if (total <= 0 || wall <= 0) return cores
  const idle = ((after.idle - before.idle) / total) * cores
  return Math.min(cores, idle + (after.own - before.own) / wall)
}

/**
 * idleBetween over a moment (os.cpus, every platform). Unlike the load average, it does not count
 * a run that just ended in this process, nor lag by a minute.
 */
export async function idleCores(windowMs = IDLE_WINDOW_MS): Promise<number> {
  const before = sampleCpu()
  await new Promise((resolve) => setTimeout(resolve, windowMs))
  return idleBetween(before, sampleCpu(), cpus().length)
}
