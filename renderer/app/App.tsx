import { useEffect } from 'react'

import { useUiStore, uiSelectors } from '../stores/ui/uiStore'
import type { Screen } from '../stores/ui/uiStore'
import { BalanceScreen } from '../features/balance/BalanceScreen'
import { EvaluateScreen } from '../features/evaluate/EvaluateScreen'
import { FacesScreen } from '../features/faces/FacesScreen'
import { LibraryScreen } from '../features/library/LibraryScreen'
import { PredictScreen } from '../features/predict/PredictScreen'
import { PresentScreen } from '../features/present/PresentScreen'
import { TrainScreen } from '../features/train/TrainScreen'
import { useWindowKeys } from '../lib/keyboard'
import { ErrorBoundary } from './ErrorBoundary'
import { NavRail, NAV_ITEMS } from './NavRail'
import { StatusBar } from './StatusBar'
import { Toasts } from './Toasts'
import { TopBar } from './TopBar'
import './app.css'

const SCREEN_COMPONENTS: Readonly<Record<Screen, () => React.JSX.Element>> = {
  library: LibraryScreen,
  faces: FacesScreen,
  balance: BalanceScreen,
  train: TrainScreen,
  evaluate: EvaluateScreen,
  predict: PredictScreen,
  present: PresentScreen,
}

/** Puts the theme and text-size choices on <html>, where the CSS variables read them. */
function useDocumentAttributes(): void {
  const theme = useUiStore(uiSelectors.theme)
  const largeText = useUiStore(uiSelectors.largeText)
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') root.removeAttribute('data-theme')
    else root.setAttribute('data-theme', theme)
    root.setAttribute('data-large-text', String(largeText))
  }, [theme, largeText])
}

/** The studio: top bar, navigation rail, the current screen, status bar. */
export function App() {
  useDocumentAttributes()
  const screen = useUiStore(uiSelectors.screen)
  const setScreen = useUiStore((s) => s.setScreen)
  // Alt+1..7 switch screens from anywhere (plain digits are the relabel keys).
  useWindowKeys((event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return
    const item = NAV_ITEMS[Number(event.key) - 1]
    if (item !== undefined) {
      event.preventDefault()
      setScreen(item.screen)
    }
  })
  const Current = SCREEN_COMPONENTS[screen]
  return (
    <div className="app-shell">
      <TopBar />
      <NavRail />
      <main className="app-main" data-testid={`screen-${screen}`}>
        <ErrorBoundary key={screen}>
          <Current />
        </ErrorBoundary>
      </main>
      <StatusBar />
      <Toasts />
    </div>
  )
}
