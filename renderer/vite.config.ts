import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'

const rendererRoot = new URL('.', import.meta.url).pathname
const outDir = new URL('../out/renderer', import.meta.url).pathname

/**
 * The CSP in index.html is the production one (no inline scripts or styles). Vite's dev server
 * injects an inline React-refresh preamble and <style> tags for CSS, so only under `vite serve`
 * the policy is relaxed for those two; the built files never see this.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'fer-studio:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    },
  }
}

/** Port of a running bridge (`electron/bridge`) that `vite` dev proxies /ws and /media to. */
const bridgePort = Number(process.env.FER_BRIDGE_PORT ?? 0)
const bridge = bridgePort > 0 ? `http://127.0.0.1:${bridgePort}` : null

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    // The bridge accepts only requests whose Host and Origin are its own (DNS-rebinding and
    // cross-site defence), so the proxy presents itself as the bridge's own origin.
    proxy: bridge
      ? {
          '/ws': { target: bridge, ws: true, changeOrigin: true, headers: { origin: bridge } },
          '/media': { target: bridge, changeOrigin: true, headers: { origin: bridge } },
        }
      : {},
  },
})
