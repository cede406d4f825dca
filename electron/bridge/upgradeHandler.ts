import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

import { SOCKET_PATH } from '../../shared/transport/channels'
import { internalError } from '../../shared/transport/envelope'
import { rawStatusReply } from './rawReplies'
import { authorizeRequest } from './requestAuth'
import type { AuthConfig } from './requestAuth'
import { parseRequestTarget, redactToken } from './requestTarget'
import type { SocketServer } from './socketServer'

export type UpgradeDeps = Readonly<{
  auth: AuthConfig
  sockets: Pick<SocketServer, 'handleUpgrade'>
  log: (message: string) => void
}>

/**
 * The server's `upgrade` listener. It runs outside any promise, so whatever it throws would be
 * an uncaught exception that ends the process: every path is guarded and answers with a status
 * (400 for a malformed request, 401/403 refused, 404 anything but /ws, 500 our own fault).
 */
export function createUpgradeHandler(
  deps: UpgradeDeps,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    // Node removes its own listeners from an upgraded socket: a reset would be an unhandled error.
    socket.on('error', (err) => deps.log(`bridge: upgrade socket error: ${err.message}`))
    const refuse = (status: number) => {
      if (socket.writable) socket.end(rawStatusReply(status))
      else socket.destroy()
    }
    try {
      const target = req.url ?? '/'
      const decision = authorizeRequest(deps.auth, {
        url: target,
        host: req.headers.host,
        origin: req.headers.origin,
        cookie: req.headers.cookie,
      })
      if (!decision.ok) return refuse(decision.status)
      if (parseRequestTarget(target)?.pathname !== SOCKET_PATH) return refuse(404)
      deps.sockets.handleUpgrade(req, socket, head)
    } catch (err) {
      const request = `upgrade ${req.url ?? ''}`
      internalError(err, (m) => deps.log(redactToken(`bridge: ${request}: ${m}`)))
      refuse(500)
    }
  }
}
