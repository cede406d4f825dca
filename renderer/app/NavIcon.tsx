import type { Screen } from '../stores/ui/uiStore'

const PATHS: Readonly<Record<Screen, string>> = {
  library: 'M4 5h16v4H4zM4 11h16v4H4zM4 17h16v3H4z',
  faces: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  balance: 'M5 20V10h3v10zM10.5 20V4h3v16zM16 20v-7h3v7z',
  train: 'M3 17l5-6 4 3 5-8 4 5v6H3z',
  evaluate:
    'M4 4h5v5H4zM10 4h5v5h-5zM16 4h4v5h-4zM4 10h5v5H4zM10 10h5v5h-5zM4 16h5v4H4zM16 16h4v4h-4z',
  predict: 'M3 7h4l2-3h6l2 3h4v13H3zM12 9a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9z',
  present: 'M3 4h18v12H3zM5 6v8h14V6zM10 7.5v5l4.5-2.5zM11 16h2v3h3v2H8v-2h3z',
}

/** A simple filled glyph per screen (inline SVG: no icon font, nothing to load). */
export function NavIcon({ screen }: Readonly<{ screen: Screen }>) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className="nav-icon">
      <path d={PATHS[screen]} fill="currentColor" />
    </svg>
  )
}
