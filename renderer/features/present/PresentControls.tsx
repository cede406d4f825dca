import { SPEEDS, usePresentStore } from '../../stores/present/presentStore'
import { useUiStore } from '../../stores/ui/uiStore'

/** Play, pause, step, speed, theme, full screen and exit; every one has a key too. */
export function PresentControls({ onExit }: Readonly<{ onExit: () => void }>) {
  const playing = usePresentStore((s) => s.playing)
  const speed = usePresentStore((s) => SPEEDS[s.speedIndex] ?? 1)
  const { togglePlay, step, faster, slower } = usePresentStore.getState()
  const theme = useUiStore((s) => s.theme)
  const dark =
    theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches)
  return (
    <div className="present-controls" role="toolbar" aria-label="Playback">
      <button
        type="button"
        onClick={() => step(-1)}
        title="Previous epoch (←)"
        aria-label="Previous epoch"
      >
        ◀◀
      </button>
      <button
        type="button"
        className="present-play"
        onClick={togglePlay}
        title="Play or pause (Space)"
        data-testid="present-play"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={() => step(1)} title="Next epoch (→)" aria-label="Next epoch">
        ▶▶
      </button>
      <button type="button" onClick={slower} title="Slower (↓)" aria-label="Slower">
        −
      </button>
      <span className="present-speed" data-testid="present-speed">
        {speed}× speed
      </span>
      <button type="button" onClick={faster} title="Faster (↑)" aria-label="Faster">
        +
      </button>
      <button
        type="button"
        onClick={() => useUiStore.getState().setTheme(dark ? 'light' : 'dark')}
        title="Light or dark (T)"
        data-testid="present-theme"
      >
        {dark ? 'Light' : 'Dark'}
      </button>
      <button
        type="button"
        onClick={() =>
          document.fullscreenElement
            ? void document.exitFullscreen()
            : void document.documentElement.requestFullscreen?.().catch(() => undefined)
        }
        title="Full screen (F)"
      >
        Full screen
      </button>
      <button
        type="button"
        onClick={onExit}
        title="Leave Present mode (Esc)"
        data-testid="present-exit"
      >
        Exit
      </button>
    </div>
  )
}
