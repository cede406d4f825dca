import { useEffect } from 'react'

import { EMOTIONS, EMOTION_COLORS } from '../../../shared/domain'
import type { BalanceConfig, ClassWeighting } from '../../../shared/domain'
import { ClassBarChart } from '../../components/charts/ClassBarChart'
import { NumberInput } from '../../components/NumberInput'
import { Segmented } from '../../components/Segmented'
import { formatCount } from '../../lib/format'
import { useDebounced } from '../../lib/useDebounced'
import { useThemeColors } from '../../lib/useThemeColors'
import { useTrainingStore } from '../../stores/training/trainingStore'

type WeightMode = 'none' | 'balanced' | 'custom'
type OversampleMode = 'off' | 'max' | 'count'

function weightMode(w: ClassWeighting): WeightMode {
  return typeof w === 'string' ? w : 'custom'
}

/** Class weights and oversampling for the next run, with the train counts before and after. */
export function RebalancePanel() {
  const colors = useThemeColors()
  const balance = useTrainingStore((s) => s.draft.balance)
  const plan = useTrainingStore((s) => s.plan)
  const planError = useTrainingStore((s) => s.planError)
  const datasetId = useTrainingStore((s) => s.datasetId)
  const setDraft = useTrainingStore((s) => s.setDraft)
  const loadPlan = useTrainingStore((s) => s.loadPlan)
  const settled = useDebounced(balance, 200)

  useEffect(() => {
    void loadPlan()
  }, [settled, datasetId, loadPlan])

  const setBalance = (patch: Partial<BalanceConfig>): void =>
    setDraft({ balance: { ...balance, ...patch } })
  const mode = weightMode(balance.classWeights)
  const oversample: OversampleMode =
    balance.oversampleTo === null ? 'off' : balance.oversampleTo === 'max' ? 'max' : 'count'
  const custom = typeof balance.classWeights === 'object' ? balance.classWeights.custom : null

  return (
    <section className="panel" aria-label="Rebalancing plan" data-testid="rebalance-panel">
      <div className="panel-title">Rebalancing plan</div>
      <div className="panel-body rebalance-body">
        <div className="field">
          <span>Class weights in the loss</span>
          <Segmented<WeightMode>
            label="Class weights"
            value={mode}
            testId="balance-weights"
            options={[
              { value: 'none', label: 'None' },
              { value: 'balanced', label: 'Balanced' },
              { value: 'custom', label: 'Custom' },
            ]}
            onChange={(next) =>
              setBalance({
                classWeights:
                  next === 'custom'
                    ? { custom: plan ? [...plan.classWeights] : EMOTIONS.map(() => 1) }
                    : next,
              })
            }
          />
          <span className="hint">
            Balanced weighs each class by total / (7 × its count): a missed disgust face costs as
            much as all the happy faces it stands for.
          </span>
        </div>
        {custom ? (
          <div className="custom-weights">
            {EMOTIONS.map((emotion, i) => (
              <label key={emotion} className="field">
                <span style={{ color: EMOTION_COLORS[emotion] }}>{emotion}</span>
                <NumberInput
                  min={0}
                  step={0.1}
                  value={custom[i] ?? 1}
                  onValue={(weight) => {
                    if (weight === null) return
                    const next = [...custom]
                    next[i] = weight
                    setBalance({ classWeights: { custom: next } })
                  }}
                  data-testid={`weight-${emotion}`}
                />
              </label>
            ))}
          </div>
        ) : null}
        <div className="field">
          <span>Oversample scarce classes (augmented copies)</span>
          <div className="row">
            <Segmented<OversampleMode>
              label="Oversampling"
              value={oversample}
              testId="balance-oversample"
              options={[
                { value: 'off', label: 'Off' },
                { value: 'max', label: 'Up to the largest class' },
                { value: 'count', label: 'Up to N' },
              ]}
              onChange={(next) =>
                setBalance({ oversampleTo: next === 'off' ? null : next === 'max' ? 'max' : 2000 })
              }
            />
            {typeof balance.oversampleTo === 'number' ? (
              <NumberInput
                min={1}
                integer
                step={100}
                value={balance.oversampleTo}
                onValue={(n) => n !== null && setBalance({ oversampleTo: n })}
                aria-label="Oversample each class up to"
                data-testid="oversample-count"
                className="narrow"
              />
            ) : null}
          </div>
          <span className="hint">
            Each epoch then sees at least this many faces of every train class.
          </span>
        </div>
        {planError ? <p className="error-text">{planError}</p> : null}
        {plan ? (
          <>
            <ClassBarChart
              title="Train faces per epoch: before → after"
              series={[
                { key: 'before', name: 'before', values: plan.before, opacity: 0.35 },
                { key: 'after', name: 'after', values: plan.after },
              ]}
              colors={colors}
              height={200}
              testId="chart-balance-plan"
            />
            <table className="plan-table">
              <thead>
                <tr>
                  <th />
                  {EMOTIONS.map((e) => (
                    <th key={e} className="num" style={{ color: EMOTION_COLORS[e] }}>
                      {e}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td className="muted">before</td>
                  {plan.before.map((n, i) => (
                    <td key={i} className="num">
                      {formatCount(n)}
                    </td>
                  ))}
                </tr>
                <tr>
                  <td className="muted">after</td>
                  {plan.after.map((n, i) => (
                    <td key={i} className="num">
                      {formatCount(n)}
                    </td>
                  ))}
                </tr>
                <tr>
                  <td className="muted">weight</td>
                  {plan.classWeights.map((w, i) => (
                    <td key={i} className="num">
                      {w.toFixed(2)}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </section>
  )
}
