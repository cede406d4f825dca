import { useUiStore, uiSelectors } from '../stores/ui/uiStore'
import type { Screen } from '../stores/ui/uiStore'
import { NavIcon } from './NavIcon'

export const NAV_ITEMS: readonly Readonly<{ screen: Screen; label: string }>[] = [
  { screen: 'library', label: 'Library' },
  { screen: 'faces', label: 'Faces' },
  { screen: 'balance', label: 'Balance' },
  { screen: 'train', label: 'Train' },
  { screen: 'evaluate', label: 'Evaluate' },
  { screen: 'predict', label: 'Predict' },
  { screen: 'present', label: 'Present' },
]

/** The left navigation between the screens (Alt+1..7). */
export function NavRail() {
  const screen = useUiStore(uiSelectors.screen)
  const setScreen = useUiStore((s) => s.setScreen)
  return (
    <nav className="nav-rail" aria-label="Screens">
      {NAV_ITEMS.map((item, i) => (
        <button
          key={item.screen}
          type="button"
          className={item.screen === screen ? 'nav-item active' : 'nav-item'}
          aria-current={item.screen === screen ? 'page' : undefined}
          onClick={() => setScreen(item.screen)}
          title={`${item.label} (Alt+${i + 1})`}
          data-testid={`nav-${item.screen}`}
        >
          <NavIcon screen={item.screen} />
          <span>{item.label}</span>
        </button>
      ))}
    </nav>
  )
}
