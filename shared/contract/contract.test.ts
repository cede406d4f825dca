import { describe, expect, it } from 'vitest'

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

  it('gives every method an input and an output schema', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input, name).toBeDefined()
      expect(spec.output, name).toBeDefined()
    }
  })
})
