import type { CallContext, Handlers, Input, Method, Output } from '../../shared/contract'
import { dispatch } from '../../shared/transport/dispatch'
import { StudioFailure } from '../../shared/transport/envelope'

/**
 * Calls a contract method the way Electron IPC and the bridge do, through `dispatch`: the input
 * is parsed by the contract's schema (defaults applied, bad input refused as INVALID_INPUT), and
 * an error comes back as data, rethrown here as a StudioFailure for the CLI's exit codes.
 */
export async function callContract<M extends Method>(
  handlers: Partial<Handlers>,
  method: M,
  input: Input<M>,
  ctx: CallContext,
): Promise<Output<M>> {
  if (handlers[method] === undefined) {
    throw new StudioFailure('INTERNAL', `The CLI has no handler for ${method}`)
  }
  const envelope = await dispatch(handlers as Handlers, method, input, ctx)
  if (!envelope.ok) {
    const { code, message, details } = envelope.error
    throw new StudioFailure(code, message, details)
  }
  return envelope.value as Output<M>
}
