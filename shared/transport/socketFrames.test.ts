import { describe, expect, it } from 'vitest'

import {
  decodeRequestFrame,
  decodeServerFrame,
  encodeAnswer,
  encodeEvent,
  encodeRequest,
} from './socketFrames'

describe('the WebSocket frames', () => {
  it('decodes what each side encodes', () => {
    expect(
      decodeRequestFrame(encodeRequest({ id: 3, method: 'datasets.list', input: {} })),
    ).toEqual({ ok: true, frame: { id: 3, method: 'datasets.list', input: {} } })
    expect(decodeServerFrame(encodeAnswer(3, { ok: true, value: [1] }))).toEqual({
      id: 3,
      envelope: { ok: true, value: [1] },
    })
    const failed = { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'gone' } }
    expect(decodeServerFrame(encodeAnswer(4, failed))).toEqual({ id: 4, envelope: failed })
    expect(decodeServerFrame(encodeEvent('labels.changed', { n: 1 }))).toEqual({
      event: 'labels.changed',
      payload: { n: 1 },
    })
  })

  it('delivers the answer of a method that returns nothing (JSON drops the undefined value)', () => {
    expect(decodeServerFrame(encodeAnswer(5, { ok: true, value: undefined }))).toMatchObject({
      id: 5,
      envelope: { ok: true },
    })
  })

  it('refuses malformed frames, answering the id when there is one', () => {
    expect(decodeRequestFrame('{')).toEqual({ ok: false, id: -1, message: 'Frame is not JSON' })
    expect(decodeRequestFrame('{"id":9,"method":4}')).toMatchObject({ ok: false, id: 9 })
    expect(decodeServerFrame('{"id":1,"envelope":{"ok":false,"error":{"code":"NOPE"}}}')).toBeNull()
    expect(decodeServerFrame('[]')).toBeNull()
  })
})
