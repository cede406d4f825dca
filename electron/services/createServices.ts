import { existsSync, mkdirSync } from 'node:fs'

import type { Emit, Handlers } from '../../shared/contract'
import { openDatabase, type StudioDb } from '../db/openDatabase'
import { asStorageFailure } from '../db/storageFaults'
import { removeOrphanStaging, stagingDir } from '../importers/stagingFiles'
import type { CreateTrainerHost } from '../training/main/host'
import { createSpeedProbeRunner } from '../training/main/speedProbeRunner'
import { createVisionClient, type VisionClient } from '../vision/visionClient'
import { createAppHandlers } from './appService'
import { createBalanceHandlers } from './balanceService'
import { databasePath, resolveDataDir } from './dataDir'
import { createDatasetHandlers } from './datasetService'
import { createEstimateHandlers } from './estimateService'
import { createEvaluationService } from './evaluationService'
import { createFaceHandlers } from './faceService'
import { createLabelHandlers } from './labelService'
import { createMediaService } from './mediaService'
import { createPredictHandlers } from './predictService'
import { createPresentHandlers } from './presentService'
import type { MediaService } from './mediaService'
import { guardStorage } from './storageGuard'
import { createRetrainHandlers } from './retrainService'
import { createSuspectsService } from './suspectsService'
import { createTrainingService } from './trainingService'

export type ServicesOptions = Readonly<{
  /** `--data-dir` as given; resolved with FER_STUDIO_DATA and the user data folder as fallbacks. */
  dataDir: string | undefined
  /** Which shell serves the handlers (reported by app.getInfo). */
  shell: 'electron' | 'bridge'
  /** Pushes an event to every connected renderer. */
  emit: Emit
  log: (message: string) => void
  /** Starts a training worker: a worker thread (bridge, tests) or a utility process (Electron). */
  createHost: CreateTrainerHost
  /** better-sqlite3 binary to load instead of node_modules' (Electron's ABI; see electron-native.js). */
  nativeBinding?: string
  /** The vision worker (face detection, photo prediction); default a worker thread run by tsx. */
  vision?: VisionClient
  /** Handlers that replace the default ones, e.g. Electron's native file dialog for app.choosePath. */
  overrides?: Partial<Handlers>
}>

export type Services = Readonly<{
  handlers: Handlers
  media: MediaService
  /** The resolved data folder. */
  dataDir: string
  /** True when this process created the store: the data folder's first start. */
  isNewStore: boolean
  /** Stops training (active runs are marked interrupted, resumable) and closes the database. */
  close(): Promise<void>
}>

/**
 * The composition root: opens the store in the data folder and builds every contract handler,
 * once, for Electron main, the bridge and tests alike (docs/ARCHITECTURE.md). The compiler checks
 * that the handler maps together cover the whole contract.
 */
export function createServices(options: ServicesOptions): Services {
  const dataDir = resolveDataDir(options.dataDir)
  const isNewStore = !existsSync(databasePath(dataDir))
  let db: StudioDb
  try {
    mkdirSync(dataDir, { recursive: true })
    db = openDatabase(
      databasePath(dataDir),
      options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding },
    )
  } catch (err) {
    throw asStorageFailure(err, dataDir)
  }
  // Imports killed before their commit leave their staging files; their process is gone now.
  for (const name of removeOrphanStaging(stagingDir(dataDir), { now: Date.now() }))
    options.log(`Removed the staging file of an import that did not finish: ${name}`)
  const deps = { db, dataDir, emit: options.emit, log: options.log }
  const vision = options.vision ?? createVisionClient({ log: options.log })
  try {
    const probes = createSpeedProbeRunner({
      createHost: options.createHost,
      log: options.log,
      maxThreads: null,
    })
    // A run never shares the machine with a speed probe: starting one stops the probe.
    const training = createTrainingService({
      ...deps,
      createHost: () => {
        probes.stop()
        return options.createHost()
      },
    })
    const closeTraining = () => training.close()
    const labels = createLabelHandlers(deps)
    const suspects = createSuspectsService({
      ...deps,
      training,
      setEach: labels['labels.setEach'],
    })
    const evaluation = createEvaluationService({ ...deps, createHost: options.createHost })
    const app = createAppHandlers({ dataDir, shell: options.shell })
    // A shell that brings its own chooser (Electron's dialog) says so, so the UI offers it.
    const hasFileDialog = options.overrides?.['app.choosePath'] !== undefined
    const handlers: Handlers = {
      ...app,
      'app.getInfo': async (input, ctx) => ({
        ...(await app['app.getInfo'](input, ctx)),
        hasFileDialog,
      }),
      ...createDatasetHandlers(deps),
      ...createFaceHandlers(deps),
      ...labels,
      ...training.handlers,
      ...suspects.handlers,
      ...createRetrainHandlers({ db, training }),
      ...evaluation.handlers,
      ...createEstimateHandlers({
        db,
        isTraining: () => training.activeRunId !== null,
        probe: (request) => probes.probe(request),
        maxThreads: null,
      }),
      ...createBalanceHandlers(deps),
      ...createPredictHandlers({ ...deps, vision }),
      ...createPresentHandlers(deps),
      ...options.overrides,
    }
    let closed = false
    return {
      handlers: guardStorage(handlers, dataDir),
      media: createMediaService({ db }),
      dataDir,
      isNewStore,
      async close() {
        if (closed) return
        closed = true
        await Promise.all([closeTraining(), evaluation.close()])
        await vision.close()
        db.close()
      },
    }
  } catch (err) {
    void vision.close()
    db.close()
    throw err
  }
}
