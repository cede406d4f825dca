import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'

import { DEFAULT_FACE_SIZE, ImportFormat } from '../../../shared/domain/dataset'
import type { ImportReport } from '../../../shared/domain/dataset'
import type { AttachResult } from '../../importers/attachFerPlus'
import { importDataset } from '../../importers/importDataset'
import type { ImportResult } from '../../importers/importDataset'
import type { CliIo } from '../cliIo'
import { formatCounts, formatDuplicates } from '../formatDataset'
import { formatNumber, printResult } from '../output'
import { createProgressBar } from '../progressBar'
import { withStore, withStoreOptions } from '../storeOptions'
import type { StoreOptions } from '../storeOptions'

type ImportOptions = StoreOptions & {
  name: string
  format?: ImportFormat
  skipBad?: boolean
  ferplus?: string
  faceSize?: number
}

function parseFaceSize(value: string): number {
  const size = Number(value)
  if (!/^\d+$/.test(value) || size < 16 || size > 256) {
    throw new InvalidArgumentError('face size must be an integer from 16 to 256')
  }
  return size
}

/** `fer-studio import <file-or-folder> --name N`: a FER2013 CSV, a folder per class or a manifest. */
export function registerImportCommand(program: Command, io: CliIo): void {
  withStoreOptions(
    program
      .command('import')
      .description(
        'import a dataset: FER2013 CSV (.csv or .csv.gz), a folder per class, or a manifest CSV',
      )
      .argument('<file-or-folder>', 'what to import')
      .requiredOption('--name <name>', 'name of the new dataset (must be unused)')
      .addOption(
        new Option('--format <format>', 'input format (default: detected)').choices(
          ImportFormat.options,
        ),
      )
      .option(
        '--skip-bad',
        'import the good rows and write a report of the rejected ones (default: all or nothing)',
      )
      .option('--ferplus <fer2013new.csv>', 'also attach FER+ votes (FER2013 CSV imports only)')
      .option(
        '--face-size <px>',
        `face size in pixels, 16..256 (default ${DEFAULT_FACE_SIZE})`,
        parseFaceSize,
      ),
  ).action(async (target: string, options: ImportOptions) => {
    await withStore(options, io, async ({ db, dataDir }) => {
      const bar = createProgressBar(io, 'import', options)
      let report: ImportResult
      // Ctrl+C stops the import cleanly (nothing stored, no staging file left): exit 130.
      const cancel = new AbortController()
      const onSigint = (): void => {
        if (cancel.signal.aborted) process.exit(130)
        io.err('\nCancelling the import (nothing will be stored; Ctrl+C again to quit now)...\n')
        cancel.abort()
      }
      process.on('SIGINT', onSigint)
      try {
        report = await importDataset(
          { db, dataDir },
          {
            path: target,
            name: options.name,
            format: options.format,
            skipBad: options.skipBad ?? false,
            faceSize: options.faceSize,
            onProgress: (phase, done, total, fraction) => bar.update(done, total, phase, fraction),
            signal: cancel.signal,
            // `import --ferplus` is one commit: refused votes keep the dataset out too.
            ferPlus: options.ferplus,
          },
        )
      } finally {
        process.off('SIGINT', onSigint)
        bar.stop()
      }
      printResult(io, options, report, () => formatImport(report, report.ferPlus ?? null))
    })
  })
}

function formatImport(report: ImportReport, ferPlus: AttachResult | null): string {
  const lines = [
    `Imported ${formatNumber(report.imported)} faces into '${report.name}' (id ${report.datasetId}) from ${report.format} in ${(report.durationMs / 1000).toFixed(1)} s`,
  ]
  if (report.rejected > 0) {
    lines.push(
      `Rejected ${formatNumber(report.rejected)} inputs; report: ${report.rejectedReportPath}`,
    )
    for (const r of report.rejectedSample.slice(0, 5)) {
      lines.push(`  ${r.file}${r.row === null ? '' : `, row ${r.row}`}: ${r.reason}`)
    }
  }
  if (ferPlus) {
    lines.push(
      `FER+ votes attached to ${formatNumber(ferPlus.attached)} faces (${formatNumber(ferPlus.withoutVotes)} without votes)`,
    )
  }
  lines.push('', formatCounts(report.counts), '', formatDuplicates(report.duplicates))
  return lines.join('\n')
}
