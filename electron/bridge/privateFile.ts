import { open } from 'node:fs/promises'

/**
 * Writes a file only its owner may read (0600), such as `--url-file` with the token in it. The mode
 * is set before anything is written, also when the file existed already with a wider one.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w', 0o600)
  try {
    await handle.chmod(0o600)
    await handle.writeFile(text)
  } finally {
    await handle.close()
  }
}
