import { createWorkerThreadHost } from '../electron/training/workerThreadHost'
const t0 = performance.now()
const host = createWorkerThreadHost()
host.onMessage((m) => { console.log(m.type, (performance.now() - t0).toFixed(0)); if (m.type === 'ready') void host.terminate() })
