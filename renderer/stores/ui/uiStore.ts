import { create } from 'zustand'

import type { AppInfo } from '../../../shared/contract'
import type { ConnectionStatus } from '../../api/transport'

export const SCREENS = [
  'library',
  'faces',
  'balance',
  'train',
  'evaluate',
  'predict',
  'present',
] as const
export type Screen = (typeof SCREENS)[number]

export type ThemeChoice = 'system' | 'light' | 'dark'

/** A button on a toast, such as Undo after a change. */
export type ToastAction = Readonly<{ label: string; run: () => void }>

export type Toast = Readonly<{
  id: number
  kind: 'info' | 'success' | 'error'
  message: string
  action?: ToastAction
}>

export type UiState = {
  screen: Screen
  theme: ThemeChoice
  largeText: boolean
  toasts: readonly Toast[]
  backend: ConnectionStatus
  appInfo: AppInfo | null
}

export type UiActions = {
  setScreen(screen: Screen): void
  setTheme(theme: ThemeChoice): void
  toggleLargeText(): void
  /** Shows a short message in the corner; errors and toasts with an action stay longer. */
  toast(kind: Toast['kind'], message: string, action?: ToastAction): number
  dismissToast(id: number): void
}

export type UiStore = UiState & UiActions

const PREFS_KEY = 'fer-studio.ui'

type Prefs = { theme?: ThemeChoice; largeText?: boolean }

function readPrefs(): Prefs {
  try {
    const raw = globalThis.localStorage?.getItem(PREFS_KEY)
    return raw ? (JSON.parse(raw) as Prefs) : {}
  } catch {
    return {}
  }
}

function writePrefs(state: Pick<UiState, 'theme' | 'largeText'>): void {
  try {
    globalThis.localStorage?.setItem(
      PREFS_KEY,
      JSON.stringify({ theme: state.theme, largeText: state.largeText }),
    )
  } catch {
    // Storage can be unavailable (private mode, sandbox); preferences then last one session.
  }
}

let nextToastId = 1

/** Screen, theme, text size, toasts and the backend connection: state no other store owns. */
export const useUiStore = create<UiStore>()((set, get) => {
  const prefs = readPrefs()
  return {
    screen: 'library',
    theme: prefs.theme ?? 'system',
    largeText: prefs.largeText ?? false,
    toasts: [],
    backend: 'connecting',
    appInfo: null,
    setScreen: (screen) => set({ screen }),
    setTheme: (theme) => {
      set({ theme })
      writePrefs(get())
    },
    toggleLargeText: () => {
      set({ largeText: !get().largeText })
      writePrefs(get())
    },
    toast: (kind, message, action) => {
      const id = nextToastId++
      const toast: Toast =
        action === undefined ? { id, kind, message } : { id, kind, message, action }
      set({ toasts: [...get().toasts.slice(-4), toast] })
      const ttl = kind === 'error' || action !== undefined ? 8000 : 3500
      setTimeout(() => get().dismissToast(id), ttl)
      return id
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  }
})

export const uiSelectors = {
  screen: (s: UiStore) => s.screen,
  theme: (s: UiStore) => s.theme,
  largeText: (s: UiStore) => s.largeText,
  toasts: (s: UiStore) => s.toasts,
  backend: (s: UiStore) => s.backend,
  appInfo: (s: UiStore) => s.appInfo,
  hasFileDialog: (s: UiStore) => s.appInfo?.hasFileDialog ?? false,
}

/** Shorthand for stores reporting a failed request to the user. */
export function toastError(err: unknown): void {
  useUiStore.getState().toast('error', err instanceof Error ? err.message : String(err))
}
