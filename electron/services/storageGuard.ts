import type { Handlers } from '../../shared/contract'
import { asStorageFailure } from '../db/storageFaults'

type AnyHandler = (input: unknown, ctx: unknown) => Promise<unknown>

/**
 * Every handler, with a full disk, a read-only data folder or a store locked too long turned
 * into DISK_FULL, READ_ONLY or CONFLICT failures with a clear message (not an internal error).
 */
export function guardStorage<H extends Partial<Handlers>>(handlers: H, dataDir: string): H {
  const guarded: Record<string, AnyHandler> = {}
  for (const [method, handler] of Object.entries(handlers) as [string, AnyHandler][]) {
    guarded[method] = async (input, ctx) => {
      try {
        return await handler(input, ctx)
      } catch (err) {
        throw asStorageFailure(err, dataDir)
      }
    }
  }
  return guarded as H
}
