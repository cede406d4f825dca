import { useEffect, useState } from 'react'

import { formatDurationShort, parseDuration, TrainingConfig } from '../../../shared/domain'
import { useTrainingStore } from '../../stores/training/trainingStore'
import { Setting } from './Setting'

const MAX_EPOCHS = TrainingConfig.shape.epochs.unwrap().maxValue ?? 1000

/**
 * Train for a time instead of a number of epochs: typed like the CLI's --budget (40s, 20m, 2h,
 * 1h30m). Setting one lifts the epoch count to its cap, so the time decides; clearing it brings
 * back the contract's default epochs.
 */
export function BudgetSetting() {
  const budgetMs = useTrainingStore((s) => s.draft.timeBudgetMs)
  const setDraft = useTrainingStore((s) => s.setDraft)
  const [text, setText] = useState(budgetMs === null ? '' : formatDurationShort(budgetMs))
  const [invalid, setInvalid] = useState(false)
  useEffect(() => {
    setText((current) =>
      parseDuration(current) === budgetMs
        ? current
        : budgetMs === null
          ? ''
          : formatDurationShort(budgetMs),
    )
  }, [budgetMs])
  return (
    <Setting
      label="Time budget"
      hint="Train for this long instead (e.g. 20m, 2h, 1h30m): the last epoch is cut to end on time, cosine follows the time, the best epoch is kept."
    >
      <input
        value={text}
        placeholder="none: train the epochs"
        aria-invalid={invalid}
        onChange={(e) => {
          const next = e.target.value
          setText(next)
          if (next.trim() === '') {
            setInvalid(false)
            if (budgetMs !== null) {
              setDraft({ timeBudgetMs: null, epochs: TrainingConfig.parse({}).epochs })
            }
            return
          }
          const ms = parseDuration(next)
          setInvalid(ms === null)
          if (ms !== null) setDraft({ timeBudgetMs: ms, epochs: MAX_EPOCHS })
        }}
        data-testid="setting-budget"
      />
    </Setting>
  )
}
