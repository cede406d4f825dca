import { z } from 'zod'

import type { EventGroup, MethodGroup } from './define'

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' inside the desktop app, 'bridge' in a browser. */
  shell: z.enum(['electron', 'bridge']),
  dataDir: z.string(),
  /** Whether a native file dialog is available (Electron); in a browser paths are typed. */
  hasFileDialog: z.boolean(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const appMethods = {
  /** Version and environment of the running backend; e2e tests assert they talk to the right build. */
  'app.getInfo': { input: z.object({}), output: AppInfo },
  /**
   * Opens a native file or folder chooser (Electron only); null when cancelled. In the bridge it
   * fails with UNKNOWN_METHOD-like INVALID_INPUT and the UI asks for a typed path instead.
   */
  'app.choosePath': {
    input: z.object({
      kind: z.enum(['file', 'folder', 'save-folder']),
      title: z.string().optional(),
    }),
    output: z.string().nullable(),
  },
} as const satisfies MethodGroup

export const appEvents = {} as const satisfies EventGroup
