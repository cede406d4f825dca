import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import type { Handlers } from '../contract'
import { dispatch } from './dispatch'
import { StudioFailure, internalError } from './envelope'
import { MAX_LISTED_PROBLEMS, listProblems } from './invalidInput'

function handlersWith(partial: Partial<Handlers>): Handlers {
  return partial as Handlers
}

describe('dispatch', () => {
  it('answers a huge invalid request with a small reply listing 20 problems once', async () => {
    const faceIds = Array.from({ length: 100_000 }, (_, i) => `face-${i}`)
    const envelope = await dispatch(
      handlersWith({}),
      'labels.set',
      { faceIds, label: 'happy' },
      { origin: 'test', log: () => undefined },
    )
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    const reply = JSON.stringify(envelope)
    expect(reply.length).toBeLessThan(10_000)
    expect(envelope.error.code).toBe('INVALID_INPUT')
    expect(envelope.error.message).toMatch(/^Invalid input for labels\.set: faceIds\[0\]: /)
    expect(envelope.error.message).toContain('faceIds[19]: ')
    expect(envelope.error.message).not.toContain('faceIds[20]')
    expect(envelope.error.message).toMatch(/; and 99,980 more$/)
    expect(envelope.error.details).toEqual({ problemCount: 100_000, listed: MAX_LISTED_PROBLEMS })
  })

  it('cuts a problem that quotes a long key the caller chose', () => {
    const parsed = z.record(z.string(), z.number()).safeParse({ ['k'.repeat(100_000)]: 'x' })
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    const [problem] = listProblems(parsed.error.issues)
    expect(problem?.length).toBe(200)
    expect(problem).toMatch(/^k+…$/)
  })

  it('sends expected failures as they are', async () => {
    const envelope = await dispatch(
      handlersWith({
        'datasets.get': () => Promise.reject(new StudioFailure('NOT_FOUND', 'No dataset 7')),
      }),
      'datasets.get',
      { datasetId: 7 },
      { origin: 'test', log: () => undefined },
    )
    expect(envelope).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No dataset 7' } })
  })

  it('sends an unexpected error as a generic message with an id, and logs it in full', async () => {
    const logged: string[] = []
    const envelope = await dispatch(
      handlersWith({
        'datasets.get': () =>
          Promise.reject(new Error('SQLITE_CORRUPT at /home/someone/secret/studio.db')),
      }),
      'datasets.get',
      { datasetId: 7 },
      { origin: 'test', log: (message) => logged.push(message) },
    )
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('INTERNAL')
    expect(envelope.error.message).not.toContain('secret')
    const { errorId } = envelope.error.details as { errorId: string }
    expect(errorId).toMatch(/^E-[0-9A-Z]+-[0-9A-Z]{4}$/)
    expect(envelope.error.message).toContain(errorId)
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain(errorId)
    expect(logged[0]).toContain('SQLITE_CORRUPT at /home/someone/secret/studio.db')
    expect(logged[0]).toContain('dispatch.test.ts') // the stack
  })
})

describe('internalError', () => {
  it('uses the id it is given', () => {
    expect(internalError('boom', () => undefined, 'E-1')).toEqual({
      code: 'INTERNAL',
      message: "Internal error (id E-1); the studio's log has the details",
      details: { errorId: 'E-1' },
    })
  })
})
