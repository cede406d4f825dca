import { useDatasetsStore } from '../stores/datasets/datasetsStore'
import { datasetsSelectors } from '../stores/datasets/datasetsSelectors'
import { useUiStore, uiSelectors } from '../stores/ui/uiStore'
import type { ThemeChoice } from '../stores/ui/uiStore'
import { formatCount } from '../lib/format'
import type { DatasetId } from '../../shared/domain'

const THEME_NEXT: Readonly<Record<ThemeChoice, ThemeChoice>> = {
  system: 'light',
  light: 'dark',
  dark: 'system',
}
const THEME_LABEL: Readonly<Record<ThemeChoice, string>> = {
  system: 'Auto',
  light: 'Light',
  dark: 'Dark',
}

/** Title, the dataset every screen works on, theme and text-size toggles. */
export function TopBar() {
  const datasets = useDatasetsStore(datasetsSelectors.datasets)
  const currentId = useDatasetsStore(datasetsSelectors.currentId)
  const selectDataset = useDatasetsStore((s) => s.selectDataset)
  const theme = useUiStore(uiSelectors.theme)
  const largeText = useUiStore(uiSelectors.largeText)
  const setTheme = useUiStore((s) => s.setTheme)
  const toggleLargeText = useUiStore((s) => s.toggleLargeText)
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        FER Studio
      </div>
      <label className="dataset-picker">
        <span className="muted">Dataset</span>
        <select
          value={currentId ?? ''}
          onChange={(e) =>
            selectDataset(e.target.value === '' ? null : (Number(e.target.value) as DatasetId))
          }
          data-testid="dataset-picker"
          aria-label="Current dataset"
          disabled={datasets.length === 0}
        >
          {datasets.length === 0 ? <option value="">No datasets yet</option> : null}
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} — {formatCount(d.faceCount)} faces
            </option>
          ))}
        </select>
      </label>
      <div className="spacer" />
      <button
        type="button"
        className="ghost"
        aria-pressed={largeText}
        onClick={toggleLargeText}
        title="Larger text for projectors"
        data-testid="toggle-large-text"
      >
        <span aria-hidden="true" className="text-size-glyph">
          A<small>A</small>
        </span>
        {largeText ? 'Large text' : 'Normal text'}
      </button>
      <button
        type="button"
        className="ghost"
        onClick={() => setTheme(THEME_NEXT[theme])}
        title="Theme: follow the system, light or dark"
        data-testid="toggle-theme"
      >
        <span aria-hidden="true">◐</span> Theme: {THEME_LABEL[theme]}
      </button>
    </header>
  )
}
