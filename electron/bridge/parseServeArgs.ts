import { parseArgs } from 'node:util'

export type ServeArgs = Readonly<{
  dataDir: string | undefined
  host: string
  /** True when --host was given: binding anything but loopback is then the user's explicit wish. */
  hostIsExplicit: boolean
  port: number
  open: boolean
  /** Create the demo dataset when the data folder is new (its first start). */
  demo: boolean
  urlFile: string | undefined
  rendererDir: string | undefined
  help: boolean
}>

export const SERVE_USAGE = `Usage: tsx electron/bridge/serve.ts [options]

Serves FER Studio to a browser on this machine (the same UI and contract as the desktop app).

Options:
  --data-dir DIR      data folder (default: FER_STUDIO_DATA, else your user data folder)
  --port N            port to listen on (default: a free one)
  --host ADDR         address to listen on (default 127.0.0.1; anything else is reachable
                      from other machines and is only used when you ask for it)
  --no-open           do not open a browser
  --no-demo           do not create the demo dataset on a new data folder's first start
  --url-file FILE     also write the URL (with its token) to FILE, e.g. for tests
  --renderer-dir DIR  built renderer to serve (default out/renderer)
  -h, --help          show this help`

/** Parses the bridge's command line; throws an Error naming the bad option. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      'url-file': { type: 'string' },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const portText = values.port ?? '0'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, got '${portText}'`)
  }
  const host = values.host ?? '127.0.0.1'
  if (host.trim() === '') throw new Error('--host must not be empty')
  return {
    dataDir: values['data-dir'],
    host,
    hostIsExplicit: values.host !== undefined,
    port,
    open: !values['no-open'],
    demo: !values['no-demo'],
    urlFile: values['url-file'],
    rendererDir: values['renderer-dir'],
    help: values.help,
  }
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h)
}
