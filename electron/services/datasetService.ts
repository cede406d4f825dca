import fs from 'node:fs'
import path from 'node:path'

import type { Emit, Handlers } from '../../shared/contract'
import type { datasetMethods } from '../../shared/contract/datasets'
import type { DatasetSummary } from '../../shared/domain/dataset'
import { emotionIndex } from '../../shared/domain/emotion'
import type { DatasetId } from '../../shared/domain/ids'
import { StudioFailure } from '../../shared/transport/envelope'
import { DEMO_FACE_SIZE, generateDemoFaces } from '../demo/generateDemoFaces'
import type { StudioDb } from '../db/openDatabase'
import {
  deleteDataset,
  findDatasetByName,
  getDataset,
  listDatasets,
  renameDataset,
  summarizeDataset,
} from '../db/queries/datasets'
import type { Dataset } from '../db/queries/datasets'
import { runIdsOfDataset } from '../db/queries/runs'
import { exportFer2013Csv } from '../exporters/exportFer2013Csv'
import { exportFolder } from '../exporters/exportFolder'
import { attachFerPlus } from '../importers/attachFerPlus'
import { commitFaces } from '../importers/commitFaces'
import { detectFormat } from '../importers/detectFormat'
import type { SourceItem } from '../importers/types'
import { RUNS_DIR } from './dataDir'
import { PROGRESS_INTERVAL_MS, createImportJobs } from './importJobs'

export type DatasetServiceDeps = Readonly<{
  db: StudioDb
  dataDir: string
  emit: Emit
  log: (message: string) => void
}>

/** The name `datasets.createDemo` gives the demo dataset when none is asked for. */
export const DEMO_DATASET_NAME = 'Demo faces (synthetic)'

/** A dataset by id, or NOT_FOUND. */
export function requireDataset(db: StudioDb, datasetId: number): Dataset {
  const dataset = getDataset(db, datasetId)
  if (!dataset) throw new StudioFailure('NOT_FOUND', `Dataset ${datasetId} does not exist`)
  return dataset
}

/**
 * The datasets.* handlers: listing and summaries, format detection, background imports, FER+
 * attachment, the demo dataset, exports, rename and delete.
 */
export function createDatasetHandlers(
  deps: DatasetServiceDeps,
): Pick<Handlers, keyof typeof datasetMethods> {
  const { db, dataDir, emit } = deps
  const jobs = createImportJobs(deps)
  const changed = (datasetId: DatasetId | null): void => emit('datasets.changed', { datasetId })

  return {
    async 'datasets.list'() {
      return listDatasets(db).map((dataset) => summarizeDataset(db, dataset))
    },

    async 'datasets.get'({ datasetId }) {
      return summarizeDataset(db, requireDataset(db, datasetId))
    },

    async 'datasets.detectFormat'({ path: target }) {
      return detectFormat(target)
    },

    async 'datasets.import'(input) {
      // Fail fast on a taken name; the import re-checks inside its final transaction.
      const taken = findDatasetByName(db, input.name)
      if (taken)
        throw new StudioFailure(
          'CONFLICT',
          `A dataset named '${input.name}' already exists (id ${taken.id})`,
        )
      if (!fs.existsSync(input.path))
        throw new StudioFailure('NOT_FOUND', `${input.path} does not exist`)
      return { jobId: jobs.start(input) }
    },

    async 'datasets.cancelImport'({ jobId }) {
      if (!jobs.cancel(jobId))
        throw new StudioFailure('NOT_FOUND', `No import ${jobId} is running (it may have ended)`)
      return {}
    },

    async 'datasets.attachFerPlus'({ datasetId, path: file }) {
      const result = await attachFerPlus(db, datasetId, file)
      changed(datasetId)
      return result
    },

    async 'datasets.createDemo'({ name }) {
      const summary = await createDemoDataset({ db, dataDir }, name ?? DEMO_DATASET_NAME)
      changed(summary.id)
      return summary
    },

    async 'datasets.export'({ datasetId, format, path: target, overwrite }) {
      requireDataset(db, datasetId)
      let lastAt = 0
      const onProgress = (done: number, total: number): void => {
        const now = Date.now()
        if (done < total && now - lastAt < PROGRESS_INTERVAL_MS) return
        lastAt = now
        emit('datasets.exportProgressed', { datasetId, done, total })
      }
      const options = { dataDir, overwrite }
      return format === 'folder'
        ? exportFolder(db, datasetId, target, options, onProgress)
        : exportFer2013Csv(db, datasetId, target, options, onProgress)
    },

    async 'datasets.delete'({ datasetId }) {
      requireDataset(db, datasetId)
      const runIds = runIdsOfDataset(db, datasetId)
      deleteDataset(db, datasetId)
      // Run folders hold models of a dataset that no longer exists: remove them after the commit.
      for (const runId of runIds) {
        fs.rmSync(path.join(dataDir, RUNS_DIR, String(runId)), { recursive: true, force: true })
      }
      changed(datasetId)
      return {}
    },

    async 'datasets.rename'({ datasetId, name }) {
      const dataset = requireDataset(db, datasetId)
      if (dataset.name !== name) {
        const taken = findDatasetByName(db, name)
        if (taken)
          throw new StudioFailure(
            'CONFLICT',
            `A dataset named '${name}' already exists (id ${taken.id})`,
          )
        renameDataset(db, datasetId, name)
        changed(datasetId)
      }
      return summarizeDataset(db, requireDataset(db, datasetId))
    },
  }
}

/**
 * Stores the generated demo faces (electron/demo) as a dataset named `name`, through the same
 * all-or-nothing path as imports.
 */
export async function createDemoDataset(
  deps: Readonly<{ db: StudioDb; dataDir: string }>,
  name: string,
): Promise<DatasetSummary> {
  async function* items(): AsyncGenerator<SourceItem> {
    for (const face of generateDemoFaces()) {
      yield {
        kind: 'face',
        pixels: face.pixels,
        label: emotionIndex(face.label),
        split: face.split,
        sourceFile: face.name,
        sourceRow: null,
      }
    }
  }
  const result = await commitFaces(
    deps,
    { format: 'demo', faceSize: DEMO_FACE_SIZE, root: null, items: items() },
    { name, source: 'demo', sourcePath: null, skipBad: false },
  )
  return summarizeDataset(deps.db, requireDataset(deps.db, result.datasetId))
}
