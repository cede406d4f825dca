import type { EventName, EventPayload, Input, Method, Output } from '../contract'
import { StudioRequestError } from './envelope'
import type { Envelope } from './envelope'

/** A pushed event as it travels: its name and payload. */
export type EventMessage = Readonly<{ event: string; payload: unknown }>

/** What the client needs from a transport: Electron preload, WebSocket, or in-memory for tests. */
export interface Transport {
  request(method: string, input: unknown): Promise<Envelope<unknown>>
  subscribe(listener: (message: EventMessage) => void): () => void
}

export interface StudioClient {
  /** Calls a contract method; throws StudioRequestError when it fails. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>
  /** Calls a contract method and returns the error as data instead of throwing. */
  callSafe<M extends Method>(
    method: M,
    input: Input<M>,
  ): Promise<{ data: Output<M>; error: null } | { data: null; error: StudioRequestError }>
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** The typed client, derived from the contract; it does not know which transport it runs on. */
export function createClient(transport: Transport): StudioClient {
  const call = async <M extends Method>(method: M, input: Input<M>): Promise<Output<M>> => {
    const envelope = await transport.request(method, input)
    if (!envelope.ok) throw new StudioRequestError(envelope.error)
    return envelope.value as Output<M>
  }
  return {
    call,
    async callSafe(method, input) {
      try {
        return { data: await call(method, input), error: null }
      } catch (err) {
        if (err instanceof StudioRequestError) return { data: null, error: err }
        return {
          data: null,
          error: new StudioRequestError({ code: 'INTERNAL', message: String(err) }),
        }
      }
    },
    on(event, listener) {
      return transport.subscribe((message) => {
        if (message.event === event) listener(message.payload as never)
      })
    },
  }
}
