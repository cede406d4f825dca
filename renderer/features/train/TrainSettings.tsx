import { BACKENDS } from '../../../shared/domain'
import type { LrSchedule, TrainingConfig } from '../../../shared/domain'
import { NumberInput } from '../../components/NumberInput'
import { CropSetting } from './CropSetting'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { useUiStore } from '../../stores/ui/uiStore'
import { BudgetSetting } from './BudgetSetting'
import { RecipeSettings } from './RecipeSettings'
import { Setting } from './Setting'

const SCHEDULES: Readonly<Record<LrSchedule['kind'], LrSchedule>> = {
  constant: { kind: 'constant' },
  plateau: { kind: 'plateau', factor: 0.5, patience: 2, minLr: 1e-5 },
  cosine: { kind: 'cosine', minLr: 1e-5 },
  step: { kind: 'step', every: 5, factor: 0.5 },
}

function describeAugment(config: TrainingConfig): string {
  const a = config.augment
  if (a === null) return 'off'
  const parts = [
    a.flip && 'flip',
    a.rotationDeg > 0 && `rot ±${a.rotationDeg}°`,
    a.shift > 0 && 'shift',
    a.zoom > 0 && 'zoom',
    a.brightness > 0 && 'brightness',
    a.contrast > 0 && 'contrast',
    a.noise > 0 && 'noise',
  ]
  return parts.filter(Boolean).join(', ') || 'none'
}

function describeBalance(config: TrainingConfig): string {
  const w = config.balance.classWeights
  const weights =
    typeof w === 'string' ? (w === 'none' ? null : 'balanced weights') : 'custom weights'
  const over = config.balance.oversampleTo
  const oversample =
    over === null
      ? null
      : over === 'max'
        ? 'oversample to the largest class'
        : `oversample to ${over}`
  return [weights, oversample].filter(Boolean).join(', ') || 'none'
}

/** The run's settings with sensible defaults and one line on what each does. */
export function TrainSettings() {
  const draft = useTrainingStore((s) => s.draft)
  const setDraft = useTrainingStore((s) => s.setDraft)
  const resetDraft = useTrainingStore((s) => s.resetDraft)
  const setScreen = useUiStore((s) => s.setScreen)
  return (
    <div className="train-settings">
      <Setting label="Epochs" hint="Passes over the train faces. Early stopping may end sooner.">
        <NumberInput
          min={1}
          max={1000}
          integer
          value={draft.epochs}
          onValue={(epochs) => epochs !== null && setDraft({ epochs })}
          data-testid="setting-epochs"
        />
      </Setting>
      <BudgetSetting />
      <Setting
        label="Batch size"
        hint="Faces per step. 64 suits CPUs; larger is smoother but slower to react."
      >
        <select
          value={draft.batchSize}
          onChange={(e) => setDraft({ batchSize: Number(e.target.value) })}
          data-testid="setting-batch"
        >
          {[16, 32, 64, 128, 256].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Setting>
      <Setting label="Learning rate" hint="Adam's step size. 0.001 is a safe start.">
        <NumberInput
          min={0.000001}
          max={1}
          step={0.0001}
          value={draft.learningRate}
          onValue={(learningRate) =>
            learningRate !== null && learningRate > 0 && setDraft({ learningRate })
          }
          data-testid="setting-lr"
        />
      </Setting>
      <Setting
        label="Schedule"
        hint="Cosine lowers the rate smoothly to nearly 0 by the last epoch; plateau halves it when validation loss stops improving."
      >
        <select
          value={draft.lrSchedule.kind}
          onChange={(e) =>
            setDraft({ lrSchedule: SCHEDULES[e.target.value as LrSchedule['kind']] })
          }
          data-testid="setting-schedule"
        >
          <option value="constant">constant</option>
          <option value="plateau">reduce on plateau</option>
          <option value="cosine">cosine decay</option>
          <option value="step">step decay</option>
        </select>
      </Setting>
      <RecipeSettings />
      <Setting
        label="Early stopping"
        hint="Stops after this many epochs without a better validation loss, and keeps the best epoch's weights."
      >
        <span className="row">
          <input
            type="checkbox"
            checked={draft.earlyStopping !== null}
            onChange={(e) =>
              setDraft({
                earlyStopping: e.target.checked ? { patience: 5, restoreBest: true } : null,
              })
            }
            data-testid="setting-early-stopping"
          />
          {draft.earlyStopping !== null ? (
            <>
              <span className="muted">patience</span>
              <NumberInput
                min={1}
                max={100}
                integer
                className="tiny"
                value={draft.earlyStopping.patience}
                onValue={(patience) =>
                  patience !== null && setDraft({ earlyStopping: { patience, restoreBest: true } })
                }
                aria-label="Patience in epochs"
              />
            </>
          ) : null}
        </span>
      </Setting>
      <Setting
        label="Quick look"
        hint="Train on at most this many faces to try settings fast; empty = all."
      >
        <NumberInput
          min={1}
          integer
          allowEmpty
          placeholder="all faces"
          value={draft.maxTrainFaces}
          onValue={(maxTrainFaces) => setDraft({ maxTrainFaces })}
          data-testid="setting-max-faces"
        />
      </Setting>
      <CropSetting />
      <Setting label="Backend" hint="Auto takes the fastest that loads here.">
        <select
          value={draft.backend}
          onChange={(e) => setDraft({ backend: e.target.value as TrainingConfig['backend'] })}
          data-testid="setting-backend"
        >
          <option value="auto">auto</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </Setting>
      <div className="setting from-balance">
        <span className="setting-label">From the Balance screen</span>
        <span>
          Augmentation: <span className="muted">{describeAugment(draft)}</span>
        </span>
        <span>
          Rebalancing: <span className="muted">{describeBalance(draft)}</span>
        </span>
        <span className="row">
          <button type="button" className="small" onClick={() => setScreen('balance')}>
            Edit in Balance
          </button>
          <button type="button" className="small ghost" onClick={resetDraft}>
            Reset all to defaults
          </button>
        </span>
      </div>
    </div>
  )
}
