/**
 * A child process for multi-process tests: runs `fer-studio` commands one after another in this
 * process, each opening and closing the store like a separate CLI call.
 *
 * Usage: node bin/run-ts.js electron/cli/testing/cliLoop.testChild.ts <goFile> <commands.json>
 * Prints `ready` once loaded, waits until `goFile` exists (so several children start writing at
 * the same moment), then prints one JSON line `{ code, out, err }` per command.
 */
import fs from 'node:fs'

import type { CliIo } from '../cliIo'
import { runCli } from '../main'

const [goFile, commandsJson] = process.argv.slice(2)
if (goFile === undefined || commandsJson === undefined) {
  process.stderr.write('usage: cliLoop.testChild.ts <goFile> <commands.json>\n')
  process.exit(2)
}
const commands = JSON.parse(fs.readFileSync(commandsJson, 'utf8')) as string[][]

process.stdout.write('ready\n')
while (!fs.existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2))
for (const args of commands) {
  if (args[0] === 'sleep') {
    await new Promise((resolve) => setTimeout(resolve, Number(args[1])))
    continue
  }
  let err = ''
  let out = ''
  const io: CliIo = {
    out: (text) => {
      out += text
    },
    err: (text) => {
      err += text
    },
    progressStream: null,
    env: process.env,
  }
  const code = await runCli(['node', 'fer-studio', ...args], io)
  process.stdout.write(`${JSON.stringify({ code, out, err })}\n`)
}
