/** The Faces grid's element id: the skip link and the G key move the focus there. */
export const FACE_GRID_ID = 'face-grid'

/** Moves the keyboard focus to the Faces grid (past the filters and the toolbar). */
export function focusFaceGrid(): void {
  document.getElementById(FACE_GRID_ID)?.focus()
}
