import { isMethod, methods } from '../contract'
import type { CallContext, Handlers } from '../contract'
import { fail, toEnvelopeError } from './envelope'
import type { Envelope } from './envelope'
import { invalidInput } from './invalidInput'

/**
 * The one request path both servers (Electron IPC and the bridge) use: checks the method name,
 * parses the input with the contract's schema, runs the handler, and returns errors as data.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  rawInput: unknown,
  ctx: CallContext,
): Promise<Envelope<unknown>> {
  if (!isMethod(method)) return fail('UNKNOWN_METHOD', `Unknown method '${method}'`)
  const parsed = methods[method].input.safeParse(rawInput ?? {})
  if (!parsed.success) return invalidInput(method, parsed.error)
  try {
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>
    return { ok: true, value: await handler(parsed.data, ctx) }
  } catch (err) {
    return toEnvelopeError(err, ctx.log)
  }
}
