import { z } from 'zod'

import { ERROR_CODES } from './envelope'
import type { Envelope } from './envelope'

/**
 * The bridge's WebSocket frames, one JSON text message each, declared once for the bridge
 * (electron/bridge/socketServer.ts), the renderer's transport and the Node bridge client:
 * `{ id, method, input }` in; `{ id, envelope }` (the answer to request `id`) or
 * `{ event, payload }` (a pushed event) out.
 */
export const RequestFrame = z.object({
  id: z.number().int(),
  method: z.string(),
  input: z.unknown(),
})
export type RequestFrame = z.infer<typeof RequestFrame>

const EnvelopeFrame = z.union([
  // A method that returns nothing answers `{ ok: true }`: JSON drops an undefined value.
  z.object({ ok: z.literal(true), value: z.unknown().optional() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  }),
])

export const AnswerFrame = z.object({ id: z.number().int(), envelope: EnvelopeFrame })
export const EventFrame = z.object({ event: z.string(), payload: z.unknown().optional() })
export const ServerFrame = z.union([AnswerFrame, EventFrame])
export type ServerFrame =
  | Readonly<{ id: number; envelope: Envelope<unknown> }>
  | Readonly<{ event: string; payload: unknown }>

export function encodeRequest(frame: RequestFrame): string {
  return JSON.stringify(frame)
}

export function encodeAnswer(id: number, envelope: Envelope<unknown>): string {
  return JSON.stringify({ id, envelope })
}

export function encodeEvent(event: string, payload: unknown): string {
  return JSON.stringify({ event, payload })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** A frame from the bridge, or null when it is not one (ignored by clients). */
export function decodeServerFrame(text: string): ServerFrame | null {
  const parsed = ServerFrame.safeParse(parseJson(text))
  if (!parsed.success) return null
  const frame = parsed.data
  return 'envelope' in frame
    ? { id: frame.id, envelope: frame.envelope as Envelope<unknown> }
    : { event: frame.event, payload: frame.payload }
}

/**
 * A request frame from a client: the frame, or why it is refused with the id to answer
 * (-1 when the frame has none).
 */
export function decodeRequestFrame(
  text: string,
): { ok: true; frame: RequestFrame } | { ok: false; id: number; message: string } {
  const raw = parseJson(text)
  if (raw === undefined) return { ok: false, id: -1, message: 'Frame is not JSON' }
  const frame = RequestFrame.safeParse(raw)
  if (frame.success) return { ok: true, frame: frame.data }
  const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1
  return { ok: false, id, message: 'Frame must be { id: number, method: string, input }' }
}
