import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu as data. Deliberately no Undo/Redo or Select All roles: their
 * accelerators (Ctrl+Z, Ctrl+Shift+Z, Ctrl+A) belong to the renderer, where they undo label
 * changes and select faces; a menu role would take the keystroke first. A packaged app has no
 * Toggle Developer Tools item (nor its Ctrl+Shift+I accelerator): DevTools are for development.
 */
export function buildMenuTemplate(
  platform: NodeJS.Platform,
  appName: string,
  isPackaged: boolean,
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin'
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : []
  return [
    ...appMenu,
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }] },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
}
