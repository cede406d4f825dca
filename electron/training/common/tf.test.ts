import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

describe('tfjs as the CLI and the workers load it (plain Node, no bundler)', () => {
  it('computes gradients and has the chained tensor methods tfjs-layers relies on', () => {
    const tf = pathToFileURL(path.join(ROOT, 'electron/training/common/tf.ts')).href
    const script = [
      "import { register } from 'tsx/esm/api'",
      'register({ tsconfig: false })',
      `const tf = await import(${JSON.stringify(tf)})`,
      "tf.env().set('PROD', true)",
      'const grad = tf.grad((x) => tf.square(x))(tf.scalar(3)).dataSync()[0]',
      'console.log(JSON.stringify({ grad, flatten: typeof tf.scalar(1).flatten }))',
    ].join('\n')
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(child.stderr).not.toContain('Error')
    const last = child.stdout.trim().split('\n').at(-1) ?? ''
    expect(JSON.parse(last)).toEqual({ grad: 6, flatten: 'function' })
  })
})
