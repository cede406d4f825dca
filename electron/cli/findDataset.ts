import { StudioFailure } from '../../shared/transport/envelope'
import type { StudioDb } from '../db/openDatabase'
import { findDatasetByName, getDataset } from '../db/queries/datasets'
import type { Dataset } from '../db/queries/datasets'

/**
 * A dataset named on the command line by name or by id. A name wins over an id when a dataset is
 * literally named "3"; `demo`, when no dataset has that name, is the newest demo dataset;
 * NOT_FOUND otherwise.
 */
export function findDataset(db: StudioDb, nameOrId: string): Dataset {
  const byName = findDatasetByName(db, nameOrId)
  if (byName) return byName
  if (nameOrId === 'demo') {
    const demo = db
      .prepare<[], { id: number }>(
        "SELECT id FROM datasets WHERE source = 'demo' ORDER BY id DESC LIMIT 1",
      )
      .get()
    const dataset = demo ? getDataset(db, demo.id) : undefined
    if (dataset) return dataset
  }
  if (/^\d+$/.test(nameOrId)) {
    const byId = getDataset(db, Number(nameOrId))
    if (byId) return byId
  }
  throw new StudioFailure(
    'NOT_FOUND',
    `No dataset named or numbered '${nameOrId}' (see: fer-studio datasets)`,
  )
}
