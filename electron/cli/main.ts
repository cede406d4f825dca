import fs from 'node:fs'
import { pathToFileURL } from 'node:url'

import { Command, CommanderError } from 'commander'

import { StudioFailure } from '../../shared/transport/envelope'
import { processIo } from './cliIo'
import type { CliIo } from './cliIo'
import { registerAttachFerPlusCommand } from './commands/attachFerPlusCommand'
import { registerDatasetsCommand } from './commands/datasetsCommand'
import { registerDemoCommand } from './commands/demoCommand'
import { registerEvaluateCommand } from './commands/evaluateCommand'
import { registerExcludeCommands } from './commands/excludeCommand'
import { registerExportCommand } from './commands/exportCommand'
import { registerExportModelCommand } from './commands/exportModelCommand'
import { registerHistoryCommand } from './commands/historyCommand'
import { registerImportCommand } from './commands/importCommand'
import { registerModelsCommand } from './commands/modelsCommand'
import { registerPredictCommand } from './commands/predictCommand'
import { registerRelabelCommand } from './commands/relabelCommand'
import { registerRetrainCommand } from './commands/retrainCommand'
import { registerRunsCommand } from './commands/runsCommand'
import { registerStatsCommand } from './commands/statsCommand'
import { registerSuspectsCommand } from './commands/suspectsCommand'
import { registerTrainCommand } from './commands/trainCommand'
import { asStorageFailure } from '../db/storageFaults'
import { EXIT_CODES, EXIT_CODES_HELP, exitCodeFor } from './exitCodes'

/** Adds one command (with its options and action) to the program. One file per command. */
export type CommandRegistrar = (program: Command, io: CliIo) => void

/** Every command of `fer-studio`, in `--help` order. Registering a command is one line here. */
const COMMANDS: readonly CommandRegistrar[] = [
  registerImportCommand,
  registerAttachFerPlusCommand,
  registerDemoCommand,
  registerDatasetsCommand,
  registerStatsCommand,
  registerExportCommand,
  registerRelabelCommand,
  registerExcludeCommands,
  registerHistoryCommand,
  registerModelsCommand,
  registerTrainCommand,
  registerSuspectsCommand,
  registerRetrainCommand,
  registerEvaluateCommand,
  registerPredictCommand,
  registerRunsCommand,
  registerExportModelCommand,
]

/** The `fer-studio` program with every command, writing through `io` and never exiting itself. */
export function createProgram(io: CliIo): Command {
  const program = new Command('fer-studio')
    .description(
      'FER Studio from the command line: import, inspect, relabel and export facial-expression datasets',
    )
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`)
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride()
  for (const register of COMMANDS) register(program, io)
  for (const command of program.commands) command.addHelpText('after', `\n${EXIT_CODES_HELP}`)
  return program
}

/**
 * Runs the CLI on `argv` (as in process.argv: node, script, args...) and returns the exit code.
 * Failures go to stderr (as `{"error": ...}` JSON when --json was given); nothing calls
 * process.exit, so tests run commands in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io)
  try {
    await program.parseAsync([...argv])
    return EXIT_CODES.ok
  } catch (thrown) {
    // A full disk or a read-only folder outside any store command still gets its own code.
    const err = asStorageFailure(thrown)
    const code = exitCodeFor(err)
    // Commander has already printed its own usage errors and help; actions throw StudioFailures.
    if (err instanceof CommanderError) return code
    const wantsJson = argv.includes('--json')
    const studio = err instanceof StudioFailure ? err : null
    const message = err instanceof Error ? err.message : String(err)
    if (wantsJson) {
      const error = { code: studio?.code ?? 'INTERNAL', message }
      io.err(`${JSON.stringify({ error })}\n`)
    } else {
      io.err(`error: ${message}\n`)
      if (code === EXIT_CODES.internal && err instanceof Error && err.stack)
        io.err(`${err.stack}\n`)
    }
    return code
  }
}

/** Whether this module is the program itself (`tsx electron/cli/main.ts ...`), not an import. */
function isEntry(): boolean {
  const entry = process.argv[1]
  if (entry === undefined) return false
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(entry)).href
  } catch {
    return false
  }
}

if (isEntry()) process.exitCode = await runCli(process.argv)
