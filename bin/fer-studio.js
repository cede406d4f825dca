#!/usr/bin/env node
// The `fer-studio` command: runs the TypeScript CLI through tsx, so `npx fer-studio` works right
// after `npm install` with no build step. Paths are resolved from this file, not the cwd.
import { register } from 'tsx/esm/api'

const unregister = register({ tsconfig: false })
const { runCli } = await import(new URL('../electron/cli/main.ts', import.meta.url).href)
const code = await runCli(process.argv)
await unregister()
process.exitCode = code
