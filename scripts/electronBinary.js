// Finds a runnable Electron binary without ever hanging: `require('electron')` would start a
// download on first use (Electron 45 fetches its binary lazily), so we read its files ourselves,
// download only when the download host answers quickly, and run the binary with a timeout.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { lookup } from 'node:dns/promises'
import { connect } from 'node:net'
import path from 'node:path'

const PLATFORM_PATHS = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
}

/** Where node_modules/electron keeps (or would keep) its binary; null on unsupported platforms. */
export function expectedElectronPath(electronDir, platform = process.platform, env = process.env) {
  const platformPath = PLATFORM_PATHS[platform]
  if (platformPath === undefined) return null
  if (env.ELECTRON_OVERRIDE_DIST_PATH)
    return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, platformPath)
  return path.join(electronDir, 'dist', platformPath)
}

/** True when the host serving Electron's zip accepts a TCP connection within `timeoutMs`. */
export async function downloadHostReachable(env = process.env, timeoutMs = 3000) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror
  const host = mirror ? new URL(mirror).hostname : 'github.com'
  try {
    const { address } = await lookup(host)
    await new Promise((resolve, reject) => {
      const socket = connect({ host: address, port: 443, timeout: timeoutMs })
      socket.once('connect', () => {
        socket.destroy()
        resolve()
      })
      socket.once('timeout', () => {
        socket.destroy()
        reject(new Error(`no answer from ${host}:443 within ${timeoutMs} ms`))
      })
      socket.once('error', reject)
    })
    return { ok: true, host }
  } catch (err) {
    return { ok: false, host, reason: err instanceof Error ? err.message : String(err) }
  }
}

/**
 * Returns { ok: true, binary, version } for an Electron binary that exists and runs, or
 * { ok: false, reason } saying why not. May download the binary (bounded by `downloadTimeoutMs`)
 * when it is missing, `allowDownload` is set and the download host is reachable.
 */
export async function findElectron({
  rootDir,
  env = process.env,
  allowDownload = true,
  downloadTimeoutMs = 300_000,
}) {
  const electronDir = path.join(rootDir, 'node_modules', 'electron')
  if (!existsSync(path.join(electronDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (npm install)' }
  }
  const version = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version
  const binary = expectedElectronPath(electronDir, process.platform, env)
  if (binary === null) return { ok: false, reason: `no Electron build for ${process.platform}` }
  const relativeBinary = path.relative(rootDir, binary)
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    const missing = existsSync(binary) ? '' : `${relativeBinary} is not downloaded, and `
    return {
      ok: false,
      reason: `${missing}there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)`,
    }
  }
  if (!existsSync(binary) && !allowDownload) {
    return {
      ok: false,
      reason: `${relativeBinary} is not downloaded (run \`npm start\` once, or \`npx install-electron\`)`,
    }
  }
  if (!existsSync(binary)) {
    const reachable = await downloadHostReachable(env)
    if (!reachable.ok) {
      return {
        ok: false,
        reason: `${relativeBinary} is missing and cannot be downloaded (${reachable.host}: ${reachable.reason})`,
      }
    }
    console.log(`Downloading the Electron ${version} binary (first start only)...`)
    const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
      stdio: 'inherit',
      timeout: downloadTimeoutMs,
      env,
    })
    if (install.status !== 0 || !existsSync(binary)) {
      return {
        ok: false,
        reason: `downloading Electron ${version} failed (${install.error?.message ?? `exit ${install.status}`})`,
      }
    }
  }
  // Run it as plain Node for a moment: proves the binary and its shared libraries load.
  const probe = spawnSync(binary, ['-e', 'process.stdout.write(process.versions.electron)'], {
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 15_000,
    encoding: 'utf8',
  })
  if (probe.status !== 0) {
    const lines = (probe.stderr ?? '').split('\n').filter((line) => line.trim() !== '')
    const detail =
      probe.error?.message ??
      lines.find((line) => /error/i.test(line)) ??
      lines[0] ??
      `exit ${probe.status}`
    return { ok: false, reason: `${binary} does not run (${detail.trim()})` }
  }
  return { ok: true, binary, version: probe.stdout.trim() || version }
}
