import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'

import { buildMenuTemplate } from './menu'

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role === undefined ? [] : [item.role]),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])
}

describe('buildMenuTemplate', () => {
  it('leaves Ctrl+Z, Ctrl+Shift+Z and Ctrl+A to the renderer on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const all = roles(buildMenuTemplate(platform, 'FER Studio', true))
      expect(all).not.toContain('undo')
      expect(all).not.toContain('redo')
      expect(all).not.toContain('selectAll')
      expect(all).toContain('copy')
    }
  })
  it('has the macOS app menu only on macOS', () => {
    expect(buildMenuTemplate('darwin', 'FER Studio', true)[0]?.label).toBe('FER Studio')
    expect(buildMenuTemplate('linux', 'FER Studio', true)[0]?.label).toBe('File')
  })
  it('offers Toggle Developer Tools only when not packaged', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(roles(buildMenuTemplate(platform, 'FER Studio', true))).not.toContain('toggleDevTools')
      expect(roles(buildMenuTemplate(platform, 'FER Studio', false))).toContain('toggleDevTools')
    }
  })
})
