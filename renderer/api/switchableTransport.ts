import type { ConnectionStatus, EventMessage, StatusTransport, Transport } from './transport'
import { hasStatus } from './transport'

export interface SwitchableTransport extends StatusTransport {
  /** Replaces the transport underneath; subscriptions move over to the new one. */
  set(next: Transport): void
}

/**
 * A transport that forwards to another one chosen late (at first use, or by a test). Listeners
 * stay registered here, so stores can subscribe once at start-up and keep receiving events after
 * the transport underneath is swapped.
 */
export function createSwitchableTransport(initial: () => Transport): SwitchableTransport {
  let inner: Transport | null = null
  let unsubscribeInner: (() => void) | null = null
  let unsubscribeStatus: (() => void) | null = null
  let status: ConnectionStatus = 'open'
  const listeners = new Set<(message: EventMessage) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()

  const setStatus = (next: ConnectionStatus): void => {
    if (next === status) return
    status = next
    for (const listener of [...statusListeners]) listener(next)
  }

  const attach = (next: Transport): Transport => {
    unsubscribeInner?.()
    unsubscribeStatus?.()
    inner = next
    unsubscribeInner = null
    unsubscribeStatus = null
    if (hasStatus(next)) {
      unsubscribeStatus = next.onStatus(setStatus)
      setStatus(next.status)
    } else {
      setStatus('open')
    }
    if (listeners.size > 0) subscribeInner(next)
    return next
  }

  const subscribeInner = (target: Transport): void => {
    unsubscribeInner = target.subscribe((message) => {
      for (const listener of [...listeners]) listener(message)
    })
  }

  const current = (): Transport => inner ?? attach(initial())

  return {
    get status() {
      current()
      return status
    },
    set: (next) => void attach(next),
    request: (method, input) => current().request(method, input),
    subscribe(listener) {
      const target = current()
      if (listeners.size === 0 && unsubscribeInner === null) subscribeInner(target)
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
  }
}
