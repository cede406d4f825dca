import type { z } from 'zod'

export type MethodSpec = Readonly<{ input: z.ZodType; output: z.ZodType }>
export type MethodGroup = Readonly<Record<string, MethodSpec>>
export type EventGroup = Readonly<Record<string, z.ZodType>>

/** Passed by each server adapter; handlers never see Electron or ws objects. */
export type CallContext = Readonly<{
  origin: 'electron' | 'bridge' | 'cli' | 'test'
  log: (message: string) => void
}>
