import { Command } from 'commander'
import { describe, expect, it } from 'vitest'

import { BackendName, TrainingConfig } from '../../../shared/domain/training'
import { registerTrainCommand } from './trainCommand'

describe('fer-studio train --help', () => {
  it("quotes the contract's defaults and backends, not numbers of its own", () => {
    const program = new Command()
    registerTrainCommand(program, { out: () => {}, err: () => {} } as never)
    const help = program.commands.find((c) => c.name() === 'train')?.helpInformation() ?? ''
    const defaults = TrainingConfig.parse({})
    const flat = help.replace(/\s+/g, ' ')
    expect(flat).toContain(`epochs (default ${defaults.epochs})`)
    expect(flat).toContain(`batch size (default ${defaults.batchSize})`)
    expect(flat).toContain(`(default ${defaults.seed})`)
    expect(flat).toContain(BackendName.options.join(', '))
  })
})
