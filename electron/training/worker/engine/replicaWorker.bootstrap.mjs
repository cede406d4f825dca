// Runs the TypeScript replica entry in a worker thread: a worker does not inherit the parent's
// tsx loader hooks, so it registers its own before importing the entry.
import { workerData } from 'node:worker_threads'

import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
