import type { Handlers } from '../../shared/contract'
import { createWorkerThreadHost } from '../training/main/workerThreadHost'
import { createServices } from './createServices'

/** The composition root as the bridge builds it, on `dataDir`, silent; for service tests. */
export function openTestServices(dataDir: string, overrides?: Partial<Handlers>) {
  return createServices({
    dataDir,
    shell: 'bridge',
    emit: () => undefined,
    log: () => undefined,
    createHost: () => createWorkerThreadHost(),
    ...(overrides === undefined ? {} : { overrides }),
  })
}
