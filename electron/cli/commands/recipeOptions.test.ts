import { Command } from 'commander'
import { describe, expect, it } from 'vitest'

import { registerTrainCommand } from './trainCommand'
import { buildConfig } from './trainCommand'

describe('recipe flags', () => {
  it('fer-studio train --help shows them', () => {
    const program = new Command()
    registerTrainCommand(program, { out: () => {}, err: () => {} } as never)
    const help = program.commands.find((c) => c.name() === 'train')?.helpInformation() ?? ''
    for (const flag of [
      '--budget <duration>',
      '--label-smoothing <eps>',
      '--optimizer <kind>',
      '--momentum <m>',
      '--weight-decay <wd>',
      '--targets <source>',
      '--drop-not-a-face',
      '--mixup <alpha>',
    ]) {
      expect(help).toContain(flag)
    }
    expect(help.replace(/\s+/g, ' ')).toContain(
      'contempt, unknown and not-a-face votes are dropped',
    )
  })

  it('map to the config, with the contract defaults when absent', () => {
    const plain = buildConfig({})
    expect(plain).toMatchObject({
      targets: 'labels',
      dropNotAFace: false,
      labelSmoothing: 0,
      mixup: 0,
      optimizer: { kind: 'adam', momentum: 0.9, weightDecay: null },
      timeBudgetMs: null,
      epochs: 10,
    })
    expect(
      buildConfig({
        optimizer: 'sgd',
        momentum: '0.8',
        weightDecay: '0.001',
        labelSmoothing: '0.1',
        targets: 'ferplus',
        dropNotAFace: true,
        mixup: '0.2',
      }),
    ).toMatchObject({
      optimizer: { kind: 'sgd', momentum: 0.8, weightDecay: 0.001 },
      labelSmoothing: 0.1,
      targets: 'ferplus',
      dropNotAFace: true,
      mixup: 0.2,
    })
  })

  it('--budget takes 40s, 20m, 2h, 1h30m and lifts the epoch cap unless --epochs is given', () => {
    expect(buildConfig({ budget: '40s' })).toMatchObject({
      timeBudgetMs: 40_000,
      epochs: 1000,
      lrSchedule: { kind: 'cosine' },
    })
    expect(buildConfig({ budget: '40s', lrSchedule: 'plateau' }).lrSchedule.kind).toBe('plateau')
    expect(buildConfig({ budget: '1h30m' }).timeBudgetMs).toBe(5_400_000)
    expect(buildConfig({ budget: '2h', epochs: '30' })).toMatchObject({
      timeBudgetMs: 7_200_000,
      epochs: 30,
    })
  })

  it('refuse bad values, naming the flag', () => {
    expect(() => buildConfig({ budget: 'soon' })).toThrow(/--budget must be a duration/)
    expect(() => buildConfig({ optimizer: 'rmsprop' })).toThrow(
      /--optimizer must be adam or adamw or sgd/,
    )
    expect(() => buildConfig({ targets: 'votes' })).toThrow(/--targets must be labels or ferplus/)
    expect(() => buildConfig({ labelSmoothing: '0.7' })).toThrow(/labelSmoothing/)
    expect(() => buildConfig({ labelSmoothing: 'x' })).toThrow(/--label-smoothing must be a number/)
    expect(() => buildConfig({ weightDecay: '0.01' })).toThrow(/Adam takes no weight decay/)
    expect(() => buildConfig({ optimizer: 'sgd', momentum: '1' })).toThrow(/momentum/)
  })
})
