/**
 * Whether a path is absolute on POSIX (`/data/out.csv`) or Windows (`C:\out.csv`, `\\server\share`).
 * The contract takes only absolute paths where a relative one would depend on a process's working
 * directory, which the renderer neither knows nor controls.
 */
export function isAbsolutePath(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\')
}
