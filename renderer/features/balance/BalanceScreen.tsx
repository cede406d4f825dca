import { EmptyState } from '../../components/EmptyState'
import { ExcludedNote } from '../../components/ExcludedNote'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { AugmentPanel } from './AugmentPanel'
import { ClassCountsPanel } from './ClassCountsPanel'
import { RebalancePanel } from './RebalancePanel'
import './balance.css'

/** How imbalanced the dataset is, how the next run will rebalance it, and what augmentation does. */
export function BalanceScreen() {
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const setScreen = useUiStore((s) => s.setScreen)
  if (dataset === null) {
    return (
      <EmptyState
        title="No dataset yet"
        action={
          <button type="button" className="primary" onClick={() => setScreen('library')}>
            Go to the Library
          </button>
        }
      />
    )
  }
  return (
    <div className="screen balance-screen">
      <div className="screen-header">
        <h1>Balance</h1>
        <span className="muted">{dataset.name}</span>
        <ExcludedNote dataset={dataset} from="these counts and the next run" />
        <span className="spacer" />
        <span className="hint">These settings are used by the next run on the Train screen.</span>
        <button type="button" onClick={() => setScreen('train')}>
          Go to Train →
        </button>
      </div>
      <ClassCountsPanel dataset={dataset} />
      <div className="balance-columns">
        <RebalancePanel />
        <AugmentPanel />
      </div>
    </div>
  )
}
