import { execFile, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ImportReport } from '../../shared/domain/dataset'
import { openDatabase } from '../db/openDatabase'
import {
  faceTriples,
  storeFingerprint,
  testFace,
  writeFer2013Csv,
} from '../importers/storeFixtures.testUtil'
import type { CliIo } from './cliIo'
import { runCli } from './main'

let dir: string
let dataDir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fer-cli-'))
  dataDir = path.join(dir, 'data')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

type Run = { code: number; out: string; err: string; json: () => unknown }

/** Runs `fer-studio ...args` in-process against the test's data dir. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (text) => {
      out += text
    },
    err: (text) => {
      err += text
    },
    progressStream: null,
    env: { HOME: dir, ...env },
  }
  const code = await runCli(['node', 'fer-studio', ...args], io)
  return { code, out, err, json: () => JSON.parse(out) as unknown }
}

const fer = (name: string, rows = 6): string =>
  writeFer2013Csv(
    path.join(dir, name),
    Array.from({ length: rows }, (_, i) => ({
      label: i % 7,
      pixels: testFace(i + 1),
      usage: i < 4 ? 'Training' : 'PublicTest',
    })),
  )

describe('fer-studio (in-process)', () => {
  it('imports, lists, shows stats and exports with --json, and re-imports the export identically', async () => {
    const imported = await cli([
      'import',
      fer('fer.csv'),
      '--name',
      'fer',
      '--data-dir',
      dataDir,
      '--json',
    ])
    expect(imported.err).toBe('')
    expect(imported.code).toBe(0)
    const report = imported.json() as ImportReport
    expect(report).toMatchObject({ name: 'fer', imported: 6, format: 'fer2013-csv' })

    const list = await cli(['datasets', '--data-dir', dataDir, '--json'])
    expect(
      (list.json() as { name: string; faceCount: number }[]).map((d) => [d.name, d.faceCount]),
    ).toEqual([['fer', 6]])

    const stats = await cli(['stats', 'fer', '--data-dir', dataDir])
    expect(stats.code).toBe(0)
    expect(stats.out).toMatch(
      /split\s+angry\s+disgust\s+fear\s+happy\s+sad\s+surprise\s+neutral\s+total/,
    )
    expect(stats.out).toMatch(/train\s+1\s+1\s+1\s+1\s+0\s+0\s+0\s+4/)
    expect(stats.out).toMatch(/spanning splits \(train\/test leakage\): 0 groups/)
    const byId = await cli(['stats', String(report.datasetId), '--data-dir', dataDir, '--json'])
    expect(byId.json()).toMatchObject({ name: 'fer', faceCount: 6 })

    const out = path.join(dir, 'out', 'fer.csv')
    const exported = await cli([
      'export',
      'fer',
      '--format',
      'fer2013-csv',
      '--out',
      out,
      '--data-dir',
      dataDir,
      '--json',
    ])
    expect(exported.json()).toEqual({ path: out, faces: 6, excluded: 0 })
    const again = await cli(['import', out, '--name', 'again', '--data-dir', dataDir, '--json'])
    const db = openDatabase(path.join(dataDir, 'studio.db'))
    expect(faceTriples(db, (again.json() as ImportReport).datasetId)).toEqual(
      faceTriples(db, report.datasetId),
    )
    db.close()
  })

  it('relabels by face id and shows the history', async () => {
    await cli(['import', fer('fer.csv'), '--name', 'fer', '--data-dir', dataDir])
    const relabel = await cli([
      'relabel',
      '1',
      '2',
      '4',
      '--label',
      'Happiness',
      '--actor',
      'ada',
      '--data-dir',
      dataDir,
      '--json',
    ])
    expect(relabel.code).toBe(0)
    expect(relabel.json()).toEqual({
      changes: [
        { faceId: 1, label: 'happy' },
        { faceId: 2, label: 'happy' },
      ],
      exclusions: [],
      canUndo: true,
      canRedo: false,
    })
    const text = await cli(['relabel', '1', '--label', '4', '--data-dir', dataDir])
    expect(text.out).toBe('Relabeled 1 faces to sad\n')
    const face = await cli(['history', '--face', '1', '--data-dir', dataDir, '--json'])
    expect(
      (face.json() as { from: string; to: string; actor: string }[]).map((c) => [
        c.from,
        c.to,
        c.actor,
      ]),
    ).toEqual([
      ['happy', 'sad', 'cli'],
      ['angry', 'happy', 'ada'],
    ])
    const all = await cli(['history', '--dataset', 'fer', '--data-dir', dataDir])
    expect(all.out.split('\n')[0]).toMatch(/when\s+face\s+from\s+to\s+actor\s+kind\s+batch/)
    expect(all.out.trim().split('\n')).toHaveLength(4)
  })

  it('attaches FER+ votes, during import or afterwards', async () => {
    const votes = path.join(dir, 'fer2013new.csv')
    const header =
      'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF'
    const rows = Array.from(
      { length: 6 },
      (_, i) =>
        `${i < 4 ? 'Training' : 'PublicTest'},fer${i}.png,${i === 5 ? 0 : 10},0,0,0,0,0,0,0,0,${i === 5 ? 10 : 0}`,
    )
    fs.writeFileSync(votes, [header, ...rows].join('\n') + '\n')
    const imported = await cli([
      'import',
      fer('fer.csv'),
      '--name',
      'fer',
      '--ferplus',
      votes,
      '--data-dir',
      dataDir,
      '--json',
    ])
    expect(imported.json()).toMatchObject({
      imported: 6,
      ferPlus: { attached: 6, withoutVotes: 0 },
    })
    const again = await cli(['attach-ferplus', 'fer', votes, '--data-dir', dataDir])
    expect(again.out).toBe("FER+ votes attached to 6 faces of 'fer' (0 without votes)\n")
    const bad = path.join(dir, 'short.csv')
    fs.writeFileSync(bad, `${header}\nPublicTest,x.png,1,0,0,0,0,0,0,0,0,0\n`)
    // A failed --ferplus drops the new dataset too: the command is all or nothing.
    const failed = await cli([
      'import',
      fer('other.csv'),
      '--name',
      'other',
      '--ferplus',
      bad,
      '--data-dir',
      dataDir,
    ])
    expect(failed.code).toBe(2)
    expect(failed.err).toMatch(/not row-aligned/)
    const list = await cli(['datasets', '--data-dir', dataDir, '--json'])
    expect((list.json() as { name: string }[]).map((d) => d.name)).toEqual(['fer'])
  })

  it('exits non-zero with the error on stderr: 2 bad input, 3 not found, 4 conflict', async () => {
    const bad = path.join(dir, 'bad.csv')
    fs.writeFileSync(bad, 'emotion,pixels,Usage\n7,1 2 3,Training\n')
    const invalid = await cli(['import', bad, '--name', 'bad', '--data-dir', dataDir])
    expect(invalid).toMatchObject({ code: 2, out: '' })
    expect(invalid.err).toMatch(
      /^error: .*bad\.csv, row 1: label '7' is not a FER2013 emotion 0\.\.6\n$/,
    )
    const asJson = await cli(['import', bad, '--name', 'bad', '--data-dir', dataDir, '--json'])
    expect(JSON.parse(asJson.err)).toEqual({
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/row 1: label '7'/) as string,
      },
    })
    expect((await cli(['stats', 'nope', '--data-dir', dataDir])).code).toBe(3)
    await cli(['import', fer('fer.csv'), '--name', 'fer', '--data-dir', dataDir])
    const conflict = await cli(['import', fer('fer.csv'), '--name', 'fer', '--data-dir', dataDir])
    expect(conflict.code).toBe(4)
    expect(conflict.err).toMatch(/already exists/)
    const usage = await cli([
      'export',
      'fer',
      '--format',
      'zip',
      '--out',
      'x',
      '--data-dir',
      dataDir,
    ])
    expect(usage.code).toBe(2)
    expect(usage.err).toMatch(/Allowed choices are fer2013-csv, folder/)
    expect((await cli(['relabel', '1', '--label', 'contempt', '--data-dir', dataDir])).code).toBe(2)
    expect((await cli(['history', '--data-dir', dataDir])).code).toBe(2)
    expect((await cli(['frobnicate'])).code).toBe(2)
  })

  it('export refuses an existing file (exit 4) unless --overwrite, and the data folder (exit 2)', async () => {
    await cli(['import', fer('fer.csv'), '--name', 'fer', '--data-dir', dataDir])
    const out = path.join(dir, 'mine.csv')
    fs.writeFileSync(out, 'precious\n')
    const exportTo = (target: string, ...more: string[]): Promise<Run> =>
      cli([
        'export',
        'fer',
        '--format',
        'fer2013-csv',
        '--out',
        target,
        '--data-dir',
        dataDir,
        ...more,
      ])
    const refused = await exportTo(out)
    expect(refused).toMatchObject({ code: 4, out: '' })
    expect(refused.err).toMatch(/^error: .*mine\.csv already exists; .*--overwrite.*\n$/)
    expect(fs.readFileSync(out, 'utf8')).toBe('precious\n')
    expect((await exportTo(out, '--overwrite')).code).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^emotion,pixels,Usage\n/)

    const storeFile = path.join(dataDir, 'studio.db')
    const before = fs.readFileSync(storeFile)
    const intoStore = await exportTo(storeFile, '--overwrite', '--json')
    expect(intoStore.code).toBe(2)
    expect(JSON.parse(intoStore.err)).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect(fs.readFileSync(storeFile).equals(before)).toBe(true)
    expect((await cli(['datasets', '--data-dir', dataDir])).code).toBe(0)
  })

  it('maps hostile import inputs to exit 2 with a one-line message, never a stack trace', async () => {
    const stray = path.join(dir, 'stray.csv')
    fs.writeFileSync(stray, `emotion,pixels,Usage\n3,1 2"3 4,Training\n`)
    const quote = await cli(['import', stray, '--name', 'q', '--data-dir', dataDir])
    expect(quote).toMatchObject({ code: 2, out: '' })
    expect(quote.err).toBe(
      `error: ${stray}, row 1: not valid CSV (line 2): a quote inside an unquoted cell\n`,
    )
    if (process.platform !== 'win32') {
      const fifo = path.join(dir, 'pipe.csv')
      execFileSync('mkfifo', [fifo])
      const pipe = await cli(['import', fifo, '--name', 'p', '--data-dir', dataDir])
      expect(pipe).toMatchObject({ code: 2, out: '' })
      expect(pipe.err).toBe(`error: ${fifo}: not a regular file or folder (it is a named pipe)\n`)
    }
    const missing = await cli([
      'import',
      path.join(dir, 'nope.csv'),
      '--name',
      'n',
      '--data-dir',
      dataDir,
    ])
    expect(missing.code).toBe(3)
    expect(missing.err).not.toMatch(/\n\s+at /)
  })

  it('attach-ferplus: exit 3 for a missing file, 2 for impossible counts or a short file, votes kept', async () => {
    await cli(['import', fer('fer.csv'), '--name', 'fer', '--data-dir', dataDir])
    const header =
      'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF'
    const votesFile = (name: string, rows: string[]): string => {
      const file = path.join(dir, name)
      fs.writeFileSync(file, [header, ...rows].join('\n') + '\n')
      return file
    }
    const usage = (i: number): string => (i < 4 ? 'Training' : 'PublicTest')
    const good = votesFile(
      'good.csv',
      Array.from({ length: 6 }, (_, i) => `${usage(i)},f${i}.png,0,10,0,0,0,0,0,0,0,0`),
    )
    expect((await cli(['attach-ferplus', 'fer', good, '--data-dir', dataDir])).code).toBe(0)
    const before = (): unknown => {
      const db = openDatabase(path.join(dataDir, 'studio.db'))
      try {
        return storeFingerprint(db)
      } finally {
        db.close()
      }
    }
    const stored = before()
    const missing = path.join(dir, 'missing.csv')
    const notFound = await cli(['attach-ferplus', 'fer', missing, '--data-dir', dataDir])
    expect(notFound).toMatchObject({ code: 3, err: `error: ${missing} does not exist\n` })
    const huge = votesFile(
      'huge.csv',
      Array.from(
        { length: 6 },
        (_, i) => `${usage(i)},f${i}.png,0,${i === 2 ? 999 : 10},0,0,0,0,0,0,0,0`,
      ),
    )
    const impossible = await cli(['attach-ferplus', 'fer', huge, '--data-dir', dataDir])
    expect(impossible).toMatchObject({
      code: 2,
      err: `error: ${huge}, row 3: happiness vote '999' is not a count 0..10\n`,
    })
    const short = votesFile(
      'short.csv',
      Array.from({ length: 5 }, (_, i) => `${usage(i)},f${i}.png,0,10,0,0,0,0,0,0,0,0`),
    )
    const shifted = await cli(['attach-ferplus', 'fer', short, '--data-dir', dataDir])
    expect(shifted.code).toBe(2)
    expect(shifted.err).toMatch(/5 data rows, but the FER2013 file this dataset came from had 6/)
    const headerOnly = await cli([
      'attach-ferplus',
      'fer',
      votesFile('h.csv', []),
      '--data-dir',
      dataDir,
    ])
    expect(headerOnly.code).toBe(2)
    expect(before()).toEqual(stored)
  })

  it('takes the store from FER_STUDIO_DATA when --data-dir is not given', async () => {
    const fromEnv = path.join(dir, 'env-store')
    const result = await cli(['import', fer('fer.csv'), '--name', 'env', '--json'], {
      FER_STUDIO_DATA: fromEnv,
    })
    expect(result.code).toBe(0)
    expect(fs.existsSync(path.join(fromEnv, 'studio.db'))).toBe(true)
  })

  it('has --help on every command', async () => {
    for (const command of [
      'import',
      'attach-ferplus',
      'demo',
      'datasets',
      'stats',
      'export',
      'relabel',
      'history',
    ]) {
      const help = await cli([command, '--help'])
      expect(help.code, command).toBe(0)
      expect(help.out).toContain(`Usage: fer-studio ${command}`)
      expect(help.out).toContain('--data-dir')
      expect(help.out).toContain('--json')
      expect(help.out).toContain('5 disk full, 6 data folder read-only')
    }
  })
})

const bin = fileURLToPath(new URL('../../bin/fer-studio.js', import.meta.url))

describe('bin/fer-studio.js', () => {
  it('runs the CLI from any working directory', async () => {
    const failed = await promisify(execFile)(
      process.execPath,
      [bin, 'relabel', '99', '--label', 'happy', '--data-dir', 'store'],
      { cwd: dir },
    ).catch((e: unknown) => e as { code: number; stdout: string; stderr: string })
    expect(failed).toMatchObject({
      code: 3,
      stdout: '',
      stderr: expect.stringMatching(/Face 99 does not exist/) as string,
    })
    // A relative --data-dir is relative to where the command runs.
    expect(fs.existsSync(path.join(dir, 'store', 'studio.db'))).toBe(true)
  })

  it('resolves a relative export --out against the working directory', async () => {
    await cli(['import', fer('fer.csv'), '--name', 'fer', '--data-dir', dataDir])
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        bin,
        'export',
        'fer',
        '--format',
        'fer2013-csv',
        '--out',
        'rel.csv',
        '--data-dir',
        dataDir,
        '--json',
      ],
      { cwd: dir },
    )
    expect(JSON.parse(stdout)).toEqual({ path: path.join(dir, 'rel.csv'), faces: 6, excluded: 0 })
    expect(fs.existsSync(path.join(dir, 'rel.csv'))).toBe(true)
  })
})

describe('a killed import', () => {
  it('leaves the stored datasets exactly as they were', async () => {
    await cli(['import', fer('small.csv'), '--name', 'kept', '--data-dir', dataDir])
    const storeFile = path.join(dataDir, 'studio.db')
    const fingerprint = (): unknown => {
      const db = openDatabase(storeFile)
      try {
        return storeFingerprint(db)
      } finally {
        db.close()
      }
    }
    const before = fingerprint()
    const big = path.join(dir, 'big.csv')
    const row = `3,${Array.from(testFace(9)).join(' ')},Training\n`
    fs.writeFileSync(big, `emotion,pixels,Usage\n${row.repeat(20_000)}`)
    const child = spawn(
      process.execPath,
      [bin, 'import', big, '--name', 'big', '--data-dir', dataDir],
      { stdio: 'ignore' },
    )
    // Kill it while it is reading: once its staging file exists in <dataDir>/tmp.
    const tmp = path.join(dataDir, 'tmp')
    for (let i = 0; i < 600 && !(fs.existsSync(tmp) && fs.readdirSync(tmp).length > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(child.exitCode).toBeNull()
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(fingerprint()).toEqual(before)
    const list = await cli(['datasets', '--data-dir', dataDir, '--json'])
    expect((list.json() as { name: string }[]).map((d) => d.name)).toEqual(['kept'])
  })
})

describe('import --ferplus', () => {
  it('never shows the new dataset without its votes, even to a reader watching the store', async () => {
    await cli(['import', fer('small.csv'), '--name', 'kept', '--data-dir', dataDir])
    const rows = 3000
    const big = path.join(dir, 'big.csv')
    const row = `3,${Array.from(testFace(9)).join(' ')},Training\n`
    fs.writeFileSync(big, `emotion,pixels,Usage\n${row.repeat(rows)}`)
    const votes = path.join(dir, 'fer2013new.csv')
    const header =
      'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF'
    fs.writeFileSync(votes, `${header}\n${'Training,x.png,0,10,0,0,0,0,0,0,0,0\n'.repeat(rows)}`)
    const child = spawn(
      process.execPath,
      [bin, 'import', big, '--name', 'big', '--ferplus', votes, '--data-dir', dataDir],
      { stdio: 'ignore' },
    )
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    let done = false
    void exited.then(() => {
      done = true
    })
    const db = openDatabase(path.join(dataDir, 'studio.db'))
    const seen: { faces: number; votes: number }[] = []
    try {
      // Read the store as another process would, as often as possible, until the import ends.
      for (;;) {
        const finished = done
        const state = db
          .prepare(
            `SELECT COUNT(f.id) AS faces, COUNT(f.ferplus_votes) AS votes
               FROM datasets d JOIN faces f ON f.dataset_id = d.id WHERE d.name = 'big'`,
          )
          .get() as { faces: number; votes: number }
        if (state.faces > 0) seen.push(state)
        if (finished) break
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    } finally {
      db.close()
    }
    expect(await exited).toBe(0)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((s) => s.faces === rows && s.votes === rows)).toBe(true)
  })

  it('killed with SIGKILL at any point, leaves an intact store and the dataset absent or whole', async () => {
    const rows = 1500
    const big = path.join(dir, 'kill.csv')
    const row = `3,${Array.from(testFace(5)).join(' ')},Training\n`
    fs.writeFileSync(big, `emotion,pixels,Usage\n${row.repeat(rows)}`)
    const votes = path.join(dir, 'kill-votes.csv')
    const header =
      'Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF'
    fs.writeFileSync(votes, `${header}\n${'Training,x.png,0,0,10,0,0,0,0,0,0,0\n'.repeat(rows)}`)
    const tmp = path.join(dataDir, 'tmp')
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
    let killedEarly = 0
    for (const delay of [0, 100, 300, 700, 1500]) {
      const child = spawn(
        process.execPath,
        [bin, 'import', big, '--name', `k${delay}`, '--ferplus', votes, '--data-dir', dataDir],
        { stdio: 'ignore' },
      )
      const exited = new Promise((resolve) => child.once('exit', resolve))
      // Count from the moment it starts reading: once its staging file exists.
      for (
        let i = 0;
        i < 600 &&
        child.exitCode === null &&
        !(fs.existsSync(tmp) && fs.readdirSync(tmp).length > 0);
        i++
      ) {
        await sleep(25)
      }
      await sleep(delay)
      if (child.exitCode === null) killedEarly++
      child.kill('SIGKILL')
      await exited
      const db = openDatabase(path.join(dataDir, 'studio.db'))
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        const stored = db
          .prepare(
            `SELECT d.name, COUNT(f.id) AS faces, COUNT(f.ferplus_votes) AS votes
               FROM datasets d JOIN faces f ON f.dataset_id = d.id
              WHERE d.name LIKE 'k%' GROUP BY d.id`,
          )
          .all() as { name: string; faces: number; votes: number }[]
        for (const dataset of stored) expect(dataset).toMatchObject({ faces: rows, votes: rows })
      } finally {
        db.close()
      }
    }
    expect(killedEarly).toBeGreaterThan(0)
  })
})
