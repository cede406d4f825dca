import { EventEmitter } from 'node:events'

import { describe, expect, it } from 'vitest'

import { stopOnUnexpectedError } from './crashGuard'

describe('stopOnUnexpectedError', () => {
  it('logs an escaped error with its stack and stops with exit code 1', () => {
    const events = new EventEmitter()
    const logged: string[] = []
    const stops: [string, number][] = []
    stopOnUnexpectedError(events, {
      log: (message) => logged.push(message),
      stop: (reason, code) => stops.push([reason, code]),
    })
    events.emit('uncaughtException', new TypeError('Invalid URL'))
    events.emit('unhandledRejection', 'plain reason')
    expect(stops).toEqual([
      ['uncaught exception', 1],
      ['unhandled rejection', 1],
    ])
    expect(logged[0]).toMatch(/^uncaught exception: TypeError: Invalid URL\n\s+at /)
    expect(logged[1]).toBe('unhandled rejection: plain reason')
  })
})
