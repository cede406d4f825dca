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
