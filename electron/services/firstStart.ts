import type { DatasetSummary } from '../../shared/domain'
import type { Services } from './createServices'

/**
 * On the very first start of a data folder (its store did not exist before this process opened
 * it), creates the demo dataset so the studio has faces to show at once, with no download and no
 * click. Later starts, and a user who deleted every dataset, are left alone. A failure is logged,
 * never fatal: the Library still offers the demo dataset one click away.
 */
export async function seedDemoOnFirstStart(
  services: Pick<Services, 'handlers' | 'isNewStore'>,
  log: (message: string) => void,
): Promise<DatasetSummary | null> {
  if (!services.isNewStore) return null
  try {
    const demo = await services.handlers['datasets.createDemo']({}, { origin: 'cli', log })
    log(`first start: created the demo dataset '${demo.name}' (${demo.faceCount} synthetic faces)`)
    return demo
  } catch (err) {
    log(`first start: the demo dataset could not be created: ${String(err)}`)
    return null
  }
}
