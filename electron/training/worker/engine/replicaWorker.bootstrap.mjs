// Runs the TypeScript replica entry in a worker thread: a worker does not inherit the parent's
// tsx loader hooks, so it registers its own before importing the entry.
import { workerData } from 'node:worker_threads'

import { register as registerHooks } from 'node:module'

import { register } from 'tsx/esm/api'

register()
registerHooks(new URL('../tfjsResolveHook.mjs', import.meta.url))
await import(workerData.entry)
