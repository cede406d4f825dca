import type { CliIo } from './cliIo'
import type { StoreOptions } from './storeOptions'

/** Prints a command's result: JSON with --json, else the human text. */
export function printResult(
  io: CliIo,
  options: StoreOptions,
  value: unknown,
  human: () => string,
): void {
  if (options.json) io.out(`${JSON.stringify(value, null, 2)}\n`)
  else io.out(`${human()}\n`)
}

/** A plain-text table: first row is the header; numbers right-aligned. */
export function formatTable(rows: readonly (readonly (string | number)[])[]): string {
  const widths: number[] = []
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, String(cell).length)
    })
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          typeof cell === 'number'
            ? String(cell).padStart(widths[i] ?? 0)
            : cell.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** 32298 -> "32,298". */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US')
}
