import type { EventMessage, Transport } from '../../shared/transport/client'

export type { EventMessage, Transport }

/** Whether the backend can be reached; only the WebSocket transport can ever be anything but open. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed'

/** A transport that can tell when its connection comes and goes (the WebSocket one). */
export interface StatusTransport extends Transport {
  readonly status: ConnectionStatus
  onStatus(listener: (status: ConnectionStatus) => void): () => void
}

/** True when the transport reports its connection status. */
export function hasStatus(transport: Transport): transport is StatusTransport {
  return typeof (transport as Partial<StatusTransport>).onStatus === 'function'
}
