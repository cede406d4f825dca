import type { z } from 'zod'

import { appEvents, appMethods } from './app'
import { balanceEvents, balanceMethods } from './balance'
import { datasetEvents, datasetMethods } from './datasets'
import type { CallContext } from './define'
import { estimateEvents, estimateMethods } from './estimate'
import { evaluationEvents, evaluationMethods } from './evaluation'
import { faceEvents, faceMethods } from './faces'
import { labelEvents, labelMethods } from './labels'
import { predictEvents, predictMethods } from './predict'
import { presentEvents, presentMethods } from './present'
import { retrainEvents, retrainMethods } from './retrain'
import { suspectEvents, suspectMethods } from './suspects'
import { trainingEvents, trainingMethods } from './training'

export * from './app'
export * from './balance'
export * from './datasets'
export * from './define'
export * from './estimate'
export * from './evaluation'
export * from './faces'
export * from './labels'
export * from './predict'
export * from './present'
export * from './retrain'
export * from './suspects'
export * from './training'

/** Every method the renderer can call, by name. Names are unique across domains (tested). */
export const methodGroups = {
  appMethods,
  datasetMethods,
  faceMethods,
  labelMethods,
  predictMethods,
  presentMethods,
  trainingMethods,
  evaluationMethods,
  estimateMethods,
  balanceMethods,
  retrainMethods,
  suspectMethods,
}
export const methods = {
  ...appMethods,
  ...datasetMethods,
  ...faceMethods,
  ...labelMethods,
  ...predictMethods,
  ...presentMethods,
  ...trainingMethods,
  ...evaluationMethods,
  ...estimateMethods,
  ...balanceMethods,
  ...retrainMethods,
  ...suspectMethods,
}
/** Every event the backend can push, by name. */
export const eventGroups = {
  appEvents,
  datasetEvents,
  faceEvents,
  labelEvents,
  predictEvents,
  presentEvents,
  trainingEvents,
  evaluationEvents,
  estimateEvents,
  balanceEvents,
  retrainEvents,
  suspectEvents,
}
export const events = {
  ...appEvents,
  ...datasetEvents,
  ...faceEvents,
  ...labelEvents,
  ...predictEvents,
  ...presentEvents,
  ...trainingEvents,
  ...evaluationEvents,
  ...estimateEvents,
  ...balanceEvents,
  ...retrainEvents,
  ...suspectEvents,
}

export type Methods = typeof methods
export type Method = keyof Methods
export type Input<M extends Method> = z.input<Methods[M]['input']>
export type Parsed<M extends Method> = z.output<Methods[M]['input']>
export type Output<M extends Method> = z.output<Methods[M]['output']>
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/** What the backend implements. Completeness is checked by the compiler. */
export type Handlers = { [M in Method]: (input: Parsed<M>, ctx: CallContext) => Promise<Output<M>> }

/** Pushes an event to every connected client; services receive it as a dependency. */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(methods, name)
}
