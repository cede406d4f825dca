import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { EMOTIONS, EMOTION_COLORS } from '../shared/domain'
import { browserAddressDeps, dropTokenFromAddress } from './api/bridgeAddress'
import { App } from './app/App'
import { connectStores } from './stores/connectStores'
import './styles/base.css'

/** One source for emotion colours: the domain's table, exposed to CSS as --emo-<name>. */
function exposeEmotionColors(): void {
  for (const emotion of EMOTIONS) {
    document.documentElement.style.setProperty(`--emo-${emotion}`, EMOTION_COLORS[emotion])
  }
}

async function start(): Promise<void> {
  exposeEmotionColors()
  // The dev preview (`vite` + `?fake`) runs on an in-page fake backend. Builds leave it out unless
  // built with VITE_FAKE_BACKEND=1 (to measure the grid in a production build without a bridge).
  const fakeAllowed = import.meta.env.DEV || import.meta.env.VITE_FAKE_BACKEND === '1'
  if (fakeAllowed && new URLSearchParams(window.location.search).has('fake')) {
    const { installFakeBackend } = await import('./dev/installFakeBackend')
    installFakeBackend()
  }
  // On the bridge, before any media or WebSocket URL is built: they read the address.
  if (window.studio === undefined) await dropTokenFromAddress(browserAddressDeps())
  connectStores()
  const root = document.getElementById('root')
  if (root === null) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
