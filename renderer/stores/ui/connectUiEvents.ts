import { backendStatus, onBackendStatus, studio } from '../../api/client'
import { SCREENS, useUiStore } from './uiStore'
import type { Screen } from './uiStore'

function screenFromHash(hash: string): Screen | null {
  const name = hash.replace(/^#\/?/, '')
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : null
}

/**
 * Wires the UI store to the world: the backend connection status (and app info once it is up),
 * and the screen to the URL hash (`#/faces`) so reloads and e2e tests can open a screen directly.
 */
export function connectUiEvents(): () => void {
  const loadInfo = (): void => {
    studio
      .callSafe('app.getInfo', {})
      .then(({ data }) => {
        if (data !== null) useUiStore.setState({ appInfo: data })
      })
      .catch(() => {})
  }
  const offStatus = onBackendStatus((status) => {
    useUiStore.setState({ backend: status })
    if (status === 'open') loadInfo()
  })
  useUiStore.setState({ backend: backendStatus() })
  loadInfo()

  const initial = screenFromHash(window.location.hash)
  if (initial !== null) useUiStore.setState({ screen: initial })
  const onHash = (): void => {
    const screen = screenFromHash(window.location.hash)
    if (screen !== null && screen !== useUiStore.getState().screen) useUiStore.setState({ screen })
  }
  window.addEventListener('hashchange', onHash)
  const offScreen = useUiStore.subscribe((state, prev) => {
    if (state.screen !== prev.screen && screenFromHash(window.location.hash) !== state.screen) {
      window.history.replaceState(null, '', `#/${state.screen}`)
    }
  })
  return () => {
    offStatus()
    offScreen()
    window.removeEventListener('hashchange', onHash)
  }
}
