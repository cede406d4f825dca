import {
  DEFAULT_WEIGHT_DECAY,
  type OptimizerConfig,
  type OptimizerKind,
  type TargetSource,
} from '../../../shared/domain'
import { NumberInput } from '../../components/NumberInput'
import { datasetsSelectors } from '../../stores/datasets/datasetsSelectors'
import { useDatasetsStore } from '../../stores/datasets/datasetsStore'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { Setting } from './Setting'

const OPTIMIZER_NAMES: Readonly<Record<OptimizerKind, string>> = {
  adam: 'Adam',
  adamw: 'AdamW (decoupled weight decay)',
  sgd: 'SGD with Nesterov momentum',
}

/** The loss and optimizer of the next run: optimizer, weight decay, smoothing, targets, mixup. */
export function RecipeSettings() {
  const draft = useTrainingStore((s) => s.draft)
  const setDraft = useTrainingStore((s) => s.setDraft)
  const dataset = useDatasetsStore(datasetsSelectors.current)
  const hasVotes = dataset?.hasFerPlus === true
  const optimizer = draft.optimizer
  const setOptimizer = (patch: Partial<OptimizerConfig>) =>
    setDraft({ optimizer: { ...optimizer, ...patch } })
  return (
    <>
      <Setting
        label="Optimizer"
        hint="SGD usually wants a learning rate of 0.01 or more. Weight decay never touches biases or BatchNorm."
      >
        <select
          value={optimizer.kind}
          onChange={(e) =>
            setOptimizer({ kind: e.target.value as OptimizerKind, weightDecay: null })
          }
          data-testid="setting-optimizer"
        >
          {Object.entries(OPTIMIZER_NAMES).map(([kind, name]) => (
            <option key={kind} value={kind}>
              {name}
            </option>
          ))}
        </select>
        {optimizer.kind !== 'adam' ? (
          <span className="row">
            <span className="muted">weight decay</span>
            <NumberInput
              min={0}
              max={1}
              step={0.0001}
              allowEmpty
              className="tiny"
              placeholder={String(DEFAULT_WEIGHT_DECAY[optimizer.kind])}
              value={optimizer.weightDecay}
              onValue={(weightDecay) => setOptimizer({ weightDecay })}
              aria-label="Weight decay"
              data-testid="setting-weight-decay"
            />
            {optimizer.kind === 'sgd' ? (
              <>
                <span className="muted">momentum</span>
                <NumberInput
                  min={0}
                  max={0.99}
                  step={0.01}
                  className="tiny"
                  value={optimizer.momentum}
                  onValue={(momentum) => momentum !== null && setOptimizer({ momentum })}
                  aria-label="Nesterov momentum"
                  data-testid="setting-momentum"
                />
              </>
            ) : null}
          </span>
        ) : null}
      </Setting>
      <Setting
        label="Label smoothing"
        hint="0 to 0.5: each target gives this share evenly to all seven classes; 0.1 is common."
      >
        <NumberInput
          min={0}
          max={0.5}
          step={0.05}
          value={draft.labelSmoothing}
          onValue={(labelSmoothing) => labelSmoothing !== null && setDraft({ labelSmoothing })}
          data-testid="setting-label-smoothing"
        />
      </Setting>
      <Setting
        label="Targets"
        hint={
          hasVotes
            ? 'FER+ votes: each face trains on its annotators’ vote shares (contempt, unknown and not-a-face votes dropped); faces without such votes use their label.'
            : 'Attach FER+ votes to this dataset (Library) to train on vote distributions.'
        }
      >
        <select
          value={draft.targets}
          disabled={!hasVotes && draft.targets === 'labels'}
          onChange={(e) => setDraft({ targets: e.target.value as TargetSource })}
          data-testid="setting-targets"
        >
          <option value="labels">labels</option>
          <option value="ferplus" disabled={!hasVotes}>
            FER+ vote distributions
          </option>
        </select>
        {hasVotes ? (
          <span className="row">
            <input
              type="checkbox"
              checked={draft.dropNotAFace}
              onChange={(e) => setDraft({ dropNotAFace: e.target.checked })}
              data-testid="setting-drop-not-a-face"
            />
            <span className="muted">leave out faces FER+ calls not-a-face</span>
          </span>
        ) : null}
      </Setting>
      <Setting
        label="Mixup"
        hint="Blends pairs of faces and their targets; 0 = off, 0.2 is typical."
      >
        <NumberInput
          min={0}
          max={2}
          step={0.1}
          value={draft.mixup}
          onValue={(mixup) => mixup !== null && setDraft({ mixup })}
          data-testid="setting-mixup"
        />
      </Setting>
    </>
  )
}
