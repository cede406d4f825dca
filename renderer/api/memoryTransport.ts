import { events, methods } from '../../shared/contract'
import type { EventName, EventPayload, Handlers, Method } from '../../shared/contract'
import { dispatch } from '../../shared/transport/dispatch'
import { StudioFailure } from '../../shared/transport/envelope'
import type { EventMessage, Transport } from './transport'

/** One request as the memory transport saw it, for assertions in tests. */
export type RecordedCall = Readonly<{ method: string; input: unknown }>

export interface MemoryTransport extends Transport {
  /** Pushes an event to the subscribers, validated against the contract like a real server. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Every request made so far, in order. */
  readonly calls: readonly RecordedCall[]
}

/**
 * An in-process backend for tests and the dev preview: requests go through the real `dispatch`
 * (so inputs are parsed by the contract's schemas) to the given handlers; a method without a
 * handler fails with UNKNOWN_METHOD. Results are cloned as they would be by IPC or JSON.
 */
export function createMemoryTransport(handlers: Partial<Handlers>): MemoryTransport {
  const listeners = new Set<(message: EventMessage) => void>()
  const calls: RecordedCall[] = []
  const complete = Object.fromEntries(
    (Object.keys(methods) as Method[]).map((method) => [
      method,
      handlers[method] ??
        (() => Promise.reject(new StudioFailure('UNKNOWN_METHOD', `No handler for ${method}`))),
    ]),
  ) as Handlers
  const ctx = { origin: 'test', log: () => {} } as const
  return {
    calls,
    async request(method, input) {
      calls.push({ method, input: structuredClone(input) })
      const envelope = await dispatch(complete, method, structuredClone(input), ctx)
      return structuredClone(envelope)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event, payload) {
      const parsed: unknown = events[event].parse(payload)
      for (const listener of [...listeners]) listener({ event, payload: structuredClone(parsed) })
    },
  }
}
