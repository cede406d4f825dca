import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { eventGroups, events, methodGroups, methods } from './index'

describe('the contract', () => {
  it('has unique method names across domains, all named domain.verb', () => {
    const names = Object.values(methodGroups).flatMap((group) => Object.keys(group))
    expect(new Set(names).size).toBe(names.length)
    expect(Object.keys(methods)).toHaveLength(names.length)
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/)
  })

  it('has unique event names across domains', () => {
    const names = Object.values(eventGroups).flatMap((group) => Object.keys(group))
    expect(new Set(names).size).toBe(names.length)
    expect(Object.keys(events)).toHaveLength(names.length)
  })

  it('takes one object in from every method, never undefined or a bare value', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input, name).toBeInstanceOf(z.ZodObject)
      expect(spec.input.safeParse(undefined).success, name).toBe(false)
      expect(spec.input.safeParse([]).success, name).toBe(false)
    }
  })

  it('describes every input, output and event in plain JSON (no Date, bigint, Map or class)', () => {
    // toJSONSchema throws on anything JSON cannot carry, which both transports would mangle.
    for (const [name, spec] of Object.entries(methods)) {
      expect(() => z.toJSONSchema(spec.input, { io: 'input' }), name).not.toThrow()
      expect(() => z.toJSONSchema(spec.output), name).not.toThrow()
    }
    for (const [name, schema] of Object.entries(events)) {
      expect(() => z.toJSONSchema(schema), name).not.toThrow()
    }
    expect(() => z.toJSONSchema(z.object({ at: z.date() }))).toThrow()
  })
})
