import type { Handlers } from '../../shared/contract'
import { setStudioTransport } from '../api/client'
import { createMemoryTransport } from '../api/memoryTransport'
import type { MemoryTransport } from '../api/memoryTransport'
import { setFaceImageUrlResolver } from '../api/mediaUrl'
import { connectStores } from '../stores/connectStores'
import { resetStores } from '../stores/resetStores'

export type TestBackend = Readonly<{ transport: MemoryTransport; disconnect: () => void }>

/**
 * Fresh stores on an in-memory backend made of `handlers` (each test passes the few it needs),
 * wired exactly as the app wires them. Call `disconnect` after the test.
 */
export function installTestBackend(handlers: Partial<Handlers>): TestBackend {
  resetStores()
  setFaceImageUrlResolver(null)
  window.history.replaceState(null, '', '/')
  const transport = createMemoryTransport(handlers)
  setStudioTransport(transport)
  const disconnect = connectStores()
  return { transport, disconnect }
}

/** Calls of one method seen by the memory transport, with their inputs. */
export function callsOf(transport: MemoryTransport, method: keyof Handlers): unknown[] {
  return transport.calls.filter((c) => c.method === method).map((c) => c.input)
}
