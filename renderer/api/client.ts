import { createClient } from '../../shared/transport/client'
import { pickTransport } from './pickTransport'
import { createSwitchableTransport } from './switchableTransport'
import type { ConnectionStatus, Transport } from './transport'

const transport = createSwitchableTransport(pickTransport)

/**
 * The renderer's one typed client of the contract: `studio.call('datasets.list', {})`,
 * `studio.on('training.epochEnded', cb)`. Only stores call it, never components. The transport
 * is picked on first use (`pickTransport`); tests and the dev preview replace it.
 */
export const studio = createClient(transport)

/** Swaps the transport under `studio` (tests: a memory transport; dev: the fake backend). */
export function setStudioTransport(next: Transport): void {
  transport.set(next)
}

/** The backend connection's state, for the status bar. */
export function backendStatus(): ConnectionStatus {
  return transport.status
}

/** Calls `listener` whenever the connection to the backend opens or closes. */
export function onBackendStatus(listener: (status: ConnectionStatus) => void): () => void {
  return transport.onStatus(listener)
}
